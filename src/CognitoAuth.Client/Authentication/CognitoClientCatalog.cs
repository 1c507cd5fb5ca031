using System.Collections.Concurrent;
using CognitoAuth.Client.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Authentication;

/// <summary>Resolves a registered client name to its <see cref="CognitoClientContext"/>, built once per name.</summary>
internal sealed class CognitoClientCatalog(IOptions<CognitoApiClientRegistry> registry, IOptionsMonitor<CognitoApiClientOptions> options)
{
    private readonly ConcurrentDictionary<string, CognitoClientContext> _clients = new(StringComparer.Ordinal);

    public CognitoClientContext Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _clients.TryGetValue(name, out var client) ? client : _clients.GetOrAdd(name, Create);
    }

    private CognitoClientContext Create(string name)
    {
        if (!registry.Value.Names.Contains(name))
        {
            throw new InvalidOperationException(
                $"No Cognito API client named '{name}' is registered. Register it with services.AddCognitoApiClient(\"{name}\", ...).");
        }

        // Get validates the options (OptionsValidationException naming the key) before they are used.
        return CognitoClientContext.Create(name, options.Get(name));
    }
}

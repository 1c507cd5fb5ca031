using System.Collections.Concurrent;
using CognitoAuth.Client.DependencyInjection;
using CognitoAuth.Client.Tokens;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Authentication;

/// <summary>Resolves a registered client name to its <see cref="CognitoClientContext"/>, built once per name.</summary>
internal sealed class CognitoClientCatalog(IOptions<CognitoApiClientRegistry> registry, IOptionsMonitor<CognitoApiClientOptions> options)
{
    private readonly ConcurrentDictionary<string, CognitoClientContext> _clients = new(StringComparer.Ordinal);

    // One token slot per store key: client names for the same user share their cached tokens.
    private readonly ConcurrentDictionary<string, TokenSlot> _slots = new(StringComparer.Ordinal);

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
        return CognitoClientContext.Create(name, options.Get(name), storeKey => _slots.GetOrAdd(storeKey, static _ => new TokenSlot()));
    }
}

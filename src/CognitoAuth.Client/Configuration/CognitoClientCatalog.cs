using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Configuration;

/// <summary>
/// Resolves a registered client name to the <see cref="CognitoClientContext"/> of its current options. The options are read
/// through <see cref="IOptionsMonitor{TOptions}"/>: a reload (a rotated password or secret, another user) makes the next
/// request build a new context from the new, validated options.
/// </summary>
internal sealed class CognitoClientCatalog : IDisposable
{
    private readonly HashSet<string> _registered;
    private readonly IOptionsMonitor<CognitoApiClientOptions> _options;
    private readonly ConcurrentDictionary<string, CognitoClientSource> _sources = new(StringComparer.Ordinal);
    private readonly IDisposable? _subscription;
    private readonly FlowCatalog _flows;

    public CognitoClientCatalog(IEnumerable<RegisteredClient> registered, IOptionsMonitor<CognitoApiClientOptions> options, FlowCatalog flows)
    {
        _flows = flows;
        _registered = registered.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        _options = options;
        _subscription = options.OnChange((_, name) =>
        {
            if (_sources.TryGetValue(name ?? Microsoft.Extensions.Options.Options.DefaultName, out var source))
            {
                source.Invalidate();
            }
        });
    }

    /// <summary>The current context of <paramref name="name"/>.</summary>
    public CognitoClientContext Get(string name) => Source(name).Current;

    /// <summary>The source of <paramref name="name"/>'s contexts, for callers that read the current one on every request.</summary>
    public CognitoClientSource Source(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _sources.TryGetValue(name, out var source) ? source : _sources.GetOrAdd(name, Create);
    }

    public void Dispose() => _subscription?.Dispose();

    private CognitoClientSource Create(string name) =>
        _registered.Contains(name)
            ? new CognitoClientSource(name, _options, _flows)
            : throw new InvalidOperationException(
                $"No Cognito API client named '{name}' is registered. Register it with services.AddCognitoApiClient(\"{name}\", ...) " +
                "or httpClientBuilder.AddCognitoBearerToken(...).");
}

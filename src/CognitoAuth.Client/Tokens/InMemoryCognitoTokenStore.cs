using System.Collections.Concurrent;

namespace CognitoAuth.Client.Tokens;

/// <summary>The default <see cref="ICognitoTokenStore"/>: a process-wide dictionary. Reads complete synchronously and allocate nothing.</summary>
internal sealed class InMemoryCognitoTokenStore : ICognitoTokenStore
{
    private readonly ConcurrentDictionary<string, CognitoTokenSet> _tokens = new(StringComparer.Ordinal);

    public ValueTask<CognitoTokenSet?> GetAsync(string key, CancellationToken cancellationToken) =>
        new(_tokens.GetValueOrDefault(key));

    public ValueTask SetAsync(string key, CognitoTokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens[key] = tokens;
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        _tokens.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }
}

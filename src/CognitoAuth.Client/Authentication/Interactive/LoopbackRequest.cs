namespace CognitoAuth.Client.Authentication.Interactive;

/// <summary>
/// What the browser brought back to the loopback listener: the query of a <c>GET</c> on the redirect path, decoded. A
/// parameter sent twice is refused before it gets here (RFC 6749 §3.1). <see cref="ToString"/> names the parameters only:
/// a <c>code</c> is a credential until it is exchanged.
/// </summary>
internal sealed class LoopbackRequest(IReadOnlyDictionary<string, string> query)
{
    public IReadOnlyDictionary<string, string> Query { get; } = query;

    public string? this[string name] => Query.GetValueOrDefault(name);

    /// <inheritdoc />
    public override string ToString() => $"LoopbackRequest {{ Parameters = [{string.Join(", ", Query.Keys)}] }}";
}

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// A token set with its <c>Authorization</c> header values (<c>Bearer &lt;token&gt;</c>), built once per token set so that
/// sending a request builds no string and parses no header. Immutable: concurrent requests share it.
/// </summary>
internal sealed class CachedTokens
{
    private const string Scheme = "Bearer ";

    private readonly string _accessHeader;
    private readonly string? _idHeader;

    public CachedTokens(CognitoTokenSet tokens)
    {
        Tokens = tokens;
        _accessHeader = Scheme + tokens.AccessToken;
        _idHeader = tokens.IdToken is null ? null : Scheme + tokens.IdToken;
    }

    public CognitoTokenSet Tokens { get; }

    /// <summary>The header value for <paramref name="tokenType"/>; throws when Cognito issued no such token (never sends a request without one).</summary>
    public string HeaderFor(CognitoTokenType tokenType) =>
        tokenType == CognitoTokenType.Id ? _idHeader ?? throw NoIdToken() : _accessHeader;

    /// <summary>The token sent for <paramref name="tokenType"/>.</summary>
    public string TokenFor(CognitoTokenType tokenType) =>
        tokenType == CognitoTokenType.Id ? Tokens.IdToken ?? throw NoIdToken() : Tokens.AccessToken;

    private static CognitoAuthenticationException NoIdToken() =>
        new("TokenType is Id, but Cognito issued no ID token for this sign-in (the client-credentials flow issues access tokens only): " +
            "set TokenType to Access, or use a flow that signs a user in.");

    /// <summary>Whether this set holds <paramref name="token"/> (as access or ID token).</summary>
    public bool Contains(string token) => Holds(Tokens, token);

    /// <summary>Whether <paramref name="tokens"/> holds <paramref name="token"/> (as access or ID token).</summary>
    public static bool Holds(CognitoTokenSet tokens, string token) =>
        string.Equals(tokens.AccessToken, token, StringComparison.Ordinal) || string.Equals(tokens.IdToken, token, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="other"/> holds the same tokens (a store may return a copy).</summary>
    public bool IsFor(CognitoTokenSet other) =>
        ReferenceEquals(Tokens, other)
        || (string.Equals(Tokens.AccessToken, other.AccessToken, StringComparison.Ordinal) && string.Equals(Tokens.IdToken, other.IdToken, StringComparison.Ordinal));
}

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// An authorization code the managed login issued: single-use, valid five minutes (AWS's authorization endpoint guide: "a
/// one time use code that is valid for five minutes"), bound to the client, the exact redirect URI, the granted scopes, the
/// nonce and the PKCE challenge of its authorize request, and to the sign-in it completed. Mutated only under the
/// directory's gate.
/// </summary>
internal sealed class AuthorizationCode
{
    public required string PoolId { get; init; }

    public required string ClientId { get; init; }

    public required string RedirectUri { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }

    public string? Nonce { get; init; }

    /// <summary>The S256 <c>code_challenge</c>; <see langword="null"/> when the authorize request had no PKCE.</summary>
    public string? CodeChallenge { get; init; }

    /// <summary>The user's real username.</summary>
    public required string Username { get; init; }

    public required DateTimeOffset AuthTime { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Whether a token request has presented it (a code is spent by any redemption attempt, as RFC 6749 §4.1.2 asks).</summary>
    public bool Used { get; set; }

    public override string ToString() => $"AuthorizationCode {{ ClientId = {ClientId}, Used = {Used}, ExpiresAt = {ExpiresAt:O} }}";
}

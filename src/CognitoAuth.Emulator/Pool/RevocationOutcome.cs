namespace CognitoAuth.Emulator.Pool;

/// <summary>What revoking a refresh token came to; RevokeToken and the revocation endpoint each answer it in their own terms.</summary>
internal enum RevocationOutcome
{
    /// <summary>The token's whole family is revoked.</summary>
    Revoked,

    /// <summary>No such refresh token: not an error (RFC 7009).</summary>
    UnknownToken,

    /// <summary>An unknown client, a secret that does not authenticate it, or a token another client was issued.</summary>
    InvalidClient,

    /// <summary>The client has token revocation turned off.</summary>
    RevocationDisabled,

    /// <summary>An access or ID token (a JWT), not a refresh token.</summary>
    UnsupportedTokenType,
}

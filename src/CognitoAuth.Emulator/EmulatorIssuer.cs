namespace CognitoAuth.Emulator;

/// <summary>Which issuer (<c>iss</c>) the emulator's tokens carry.</summary>
public enum EmulatorIssuer
{
    /// <summary><c>{CognitoEndpoint}{poolId}</c>: discovery and the JWKS resolve from the issuer, offline.</summary>
    Local,

    /// <summary>
    /// Cognito's own <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>, for verifiers that pin that format; the JWKS
    /// is still served locally at <c>{CognitoEndpoint}{poolId}/.well-known/jwks.json</c>.
    /// </summary>
    Aws,
}

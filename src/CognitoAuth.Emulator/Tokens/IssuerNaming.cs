namespace CognitoAuth.Emulator.Tokens;

/// <summary>
/// The <c>iss</c> of a pool's tokens: the local form <c>{CognitoEndpoint}{poolId}</c> (discovery works offline), or
/// Cognito's own <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c> for verifiers that pin that format. The
/// region is the pool id's prefix. The JWKS is served locally in both cases.
/// </summary>
internal sealed class IssuerNaming(EmulatorIssuer mode)
{
    private string? _endpoint;

    public EmulatorIssuer Mode { get; } = mode;

    /// <summary>The Cognito endpoint without its trailing slash; known once the listener is bound.</summary>
    public string Endpoint => _endpoint ?? throw new InvalidOperationException("The Cognito endpoint is not bound yet.");

    public void Bind(Uri cognitoEndpoint) => _endpoint = cognitoEndpoint.AbsoluteUri.TrimEnd('/');

    public string For(string userPoolId) => Mode == EmulatorIssuer.Aws
        ? Reference.ReferenceStack.IssuerFor(userPoolId[..userPoolId.IndexOf('_', StringComparison.Ordinal)], userPoolId)
        : $"{Endpoint}/{userPoolId}";

    /// <summary>Where the pool's keys are served, whatever the issuer: always the local endpoint.</summary>
    public string JwksUri(string userPoolId) => $"{Endpoint}/{userPoolId}/.well-known/jwks.json";

    public override string ToString() => $"IssuerNaming {{ Mode = {Mode} }}";
}

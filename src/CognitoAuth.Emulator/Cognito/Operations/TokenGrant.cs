using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// Everything needed to mint a token set, captured under the pool's lock so the (slower) signing happens
/// outside it.
/// </summary>
internal sealed record TokenGrant(
    SignInEvent SignIn,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    TimeSpan AccessTokenValidity,
    TimeSpan IdTokenValidity,
    string? RefreshToken,
    DateTimeOffset IssuedAt)
{
    public AuthFlowResponse ToResponse(TokenIssuer issuer) => new()
    {
        ChallengeParameters = [],
        AuthenticationResult = new AuthenticationResultType
        {
            AccessToken = issuer.CreateAccessToken(SignIn, IssuedAt, AccessTokenValidity),
            ExpiresIn = (int)AccessTokenValidity.TotalSeconds,
            TokenType = "Bearer",
            RefreshToken = RefreshToken,
            IdToken = issuer.CreateIdToken(SignIn, Attributes, IssuedAt, IdTokenValidity),
        },
    };

    public override string ToString() => $"TokenGrant {{ Username = {SignIn.Username}, ClientId = {SignIn.ClientId} }}";
}

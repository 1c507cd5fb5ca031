using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>A token grant as the JSON API answers it (<c>AuthenticationResult</c>).</summary>
internal static class TokenResponses
{
    public static AuthFlowResponse ToResponse(this TokenGrant grant)
    {
        var (accessToken, idToken) = grant.Sign();
        return new()
        {
            ChallengeParameters = [],
            AuthenticationResult = new AuthenticationResultType
            {
                AccessToken = accessToken,
                ExpiresIn = (int)grant.AccessTokenValidity.TotalSeconds,
                TokenType = "Bearer",
                RefreshToken = grant.RefreshToken,
                IdToken = idToken,
            },
        };
    }
}

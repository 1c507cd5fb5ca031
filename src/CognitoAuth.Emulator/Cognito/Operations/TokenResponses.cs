using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>A token grant as the JSON API answers it (<c>AuthenticationResult</c>).</summary>
internal static class TokenResponses
{
    public static async Task<AuthFlowResponse> ToResponseAsync(this TokenGrant grant, CancellationToken cancellationToken)
    {
        var (accessToken, idToken) = await grant.SignAsync(cancellationToken).ConfigureAwait(false);
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

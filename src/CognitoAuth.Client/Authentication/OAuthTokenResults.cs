using CognitoAuth.Client.Cognito.OAuth;

namespace CognitoAuth.Client.Authentication;

/// <summary>Turns a token endpoint's answer (RFC 6749 §5.1) into a <see cref="CognitoTokenSet"/>.</summary>
internal static class OAuthTokenResults
{
    /// <summary>The tokens of <paramref name="response"/>; their lifetime counts from <paramref name="sentAt"/>, when the request was sent.</summary>
    public static CognitoTokenSet ToTokenSet(OAuthTokenResponse response, DateTimeOffset sentAt)
    {
        var lifetime = response.ExpiresIn > 0
            ? TimeSpan.FromSeconds(response.ExpiresIn)
            : JwtClaims.Lifetime(response.AccessToken)
                ?? throw new CognitoAuthenticationException("The token endpoint gave no expires_in, and the access token has no exp and iat claims: the token's lifetime is unknown.");
        return new CognitoTokenSet
        {
            AccessToken = response.AccessToken!,
            IdToken = response.IdToken,
            RefreshToken = response.RefreshToken,
            IssuedAt = sentAt,
            ExpiresAt = sentAt + lifetime,
            Username = JwtClaims.CognitoUsername(response.AccessToken, response.IdToken),
        };
    }
}

using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// RevokeToken (one refresh token — with its rotated family — and the access tokens of its sign-in) and GlobalSignOut
/// (every refresh token of the user the access token belongs to). Revoked refresh tokens fail REFRESH_TOKEN_AUTH and
/// GetTokensFromRefreshToken; access tokens stay
/// valid at an API Gateway JWT authorizer until they expire, exactly as with real Cognito.
/// </summary>
internal sealed class TokenRevocation(PoolDirectory directory)
{
    public EmptyResponse RevokeToken(RevokeTokenRequest request)
    {
        new RequestValidator()
            .Required("token", request.Token)
            .Required("clientId", request.ClientId)
            .ThrowIfInvalid();

        lock (directory.Gate)
        {
            var pool = directory.FindPoolOfClient(request.ClientId!) ?? throw CognitoErrors.InvalidClientCredentials();
            var client = pool.Client(request.ClientId!);
            if (client.ClientSecret is not null && !client.IsSecret(request.ClientSecret))
            {
                throw CognitoErrors.InvalidClientCredentials();
            }

            if (!client.EnableTokenRevocation)
            {
                throw CognitoErrors.TokenRevocationDisabled();
            }

            if (JsonWebToken.TryParse(request.Token!) is not null)
            {
                throw CognitoErrors.UnsupportedTokenType();
            }

            // As OAuth token revocation (RFC 7009) prescribes, an unknown token is not an error.
            var record = pool.FindRefreshToken(request.Token!);
            if (record is null)
            {
                return EmptyResponse.Instance;
            }

            if (record.SignIn.ClientId != client.ClientId)
            {
                throw CognitoErrors.InvalidClientCredentials();
            }

            // Under rotation this ends every token of the sign-in, the current one and those it replaced.
            record.Family.Revoked = true;
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    public EmptyResponse GlobalSignOut(GlobalSignOutRequest request)
    {
        new RequestValidator().Required("accessToken", request.AccessToken).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, user) = AccessTokens.Resolve(directory, request.AccessToken!);
            pool.RevokeRefreshTokens(user);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }
}

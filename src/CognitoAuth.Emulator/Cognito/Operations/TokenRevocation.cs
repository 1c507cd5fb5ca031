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

        // A secret sent for a client without one is not refused here (the OAuth endpoint refuses it).
        var outcome = Revoke(directory, request.ClientId!, client => client.ClientSecret is null || client.IsSecret(request.ClientSecret), request.Token!);
        return outcome switch
        {
            RevocationOutcome.InvalidClient => throw CognitoErrors.InvalidClientCredentials(),
            RevocationOutcome.RevocationDisabled => throw CognitoErrors.TokenRevocationDisabled(),
            RevocationOutcome.UnsupportedTokenType => throw CognitoErrors.UnsupportedTokenType(),
            _ => EmptyResponse.Instance,
        };
    }

    /// <summary>
    /// The steps RevokeToken and the revocation endpoint share, in Cognito's order: the client, authenticated as
    /// <paramref name="authenticates"/> judges; revocation enabled for it; a refresh token, not a JWT; one this client was
    /// issued. Then the token's family is revoked.
    /// </summary>
    public static RevocationOutcome Revoke(PoolDirectory directory, string clientId, Func<AppClient, bool> authenticates, string token)
    {
        lock (directory.Gate)
        {
            var pool = directory.FindPoolOfClient(clientId);
            var client = pool?.FindClient(clientId);
            if (pool is null || client is null || !authenticates(client))
            {
                return RevocationOutcome.InvalidClient;
            }

            if (!client.EnableTokenRevocation)
            {
                return RevocationOutcome.RevocationDisabled;
            }

            if (JsonWebToken.TryParse(token) is not null)
            {
                return RevocationOutcome.UnsupportedTokenType;
            }

            // As OAuth token revocation (RFC 7009) prescribes, an unknown token is not an error.
            var record = pool.FindRefreshToken(token);
            if (record is null)
            {
                return RevocationOutcome.UnknownToken;
            }

            if (record.SignIn.ClientId != client.ClientId)
            {
                return RevocationOutcome.InvalidClient;
            }

            // Under rotation this ends every token of the sign-in, the current one and those it replaced.
            record.Family.Revoked = true;
            directory.Touch();
            return RevocationOutcome.Revoked;
        }
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

using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Pool;

/// <summary>Revoking a refresh token: RevokeToken and the revocation endpoint each answer the outcome in their own terms.</summary>
internal static class RefreshTokenRevocation
{
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
}

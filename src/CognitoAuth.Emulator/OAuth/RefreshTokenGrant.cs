using CognitoAuth.Emulator.Pool;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.OAuth;

/// <summary>
/// <c>grant_type=refresh_token</c> at the token endpoint: the same checks as <c>GetTokensFromRefreshToken</c> (a token of this
/// client, its user there and enabled, its family not revoked, not expired), answered in OAuth's words — a missing
/// <c>refresh_token</c> is <c>invalid_request</c>, a client not allowed to refresh (neither <c>ALLOW_REFRESH_TOKEN_AUTH</c>
/// nor rotation) <c>unauthorized_client</c>, every refusal of the token <c>invalid_grant</c>. On a client that rotates refresh
/// tokens the answer carries a new refresh token and the old one works only within the grace period, as with
/// <c>GetTokensFromRefreshToken</c>; otherwise new ID and access tokens only (AWS: "Refresh token authentication returns new
/// ID and access tokens"). A managed-login sign-in keeps its scopes; its refreshed ID token has no <c>nonce</c>.
/// </summary>
internal static class RefreshTokenGrant
{
    public static TokenOutcome Redeem(PoolDirectory directory, string authorization, IFormCollection form)
    {
        var token = form["refresh_token"].ToString();
        if (token.Length == 0)
        {
            return TokenOutcome.Fail("invalid_request", "refresh_token is missing.");
        }

        var (clientId, secret, problem) = ClientAuthentication.Read(authorization, form);
        if (problem is not null)
        {
            return TokenOutcome.Fail(problem);
        }

        TokenGrant grant;
        lock (directory.Gate)
        {
            var pool = directory.FindPoolOfClient(clientId);
            var client = pool?.FindClient(clientId);
            if (pool is null || client is null || !ClientAuthentication.Verifies(client, secret))
            {
                return TokenOutcome.Fail("invalid_client");
            }

            var rotation = client.RefreshTokenRotation;
            if (!client.AllowsRefreshTokenAuth && !rotation.Enabled)
            {
                return TokenOutcome.Fail("unauthorized_client");
            }

            if (RefreshTokenRedemption.Redeem(pool, client, token, checkClient: null, out var record, out var user) is not null
                || record.IsSpent(rotation, pool.Now))
            {
                return TokenOutcome.Fail("invalid_grant");
            }

            grant = TokenGrant.Of(pool, user, client, record.SignIn, rotation.Enabled ? pool.RotateRefreshToken(record) : null);
        }

        var (accessToken, idToken) = grant.Sign();
        return TokenOutcome.Granted(accessToken, idToken, grant.RefreshToken, (int)grant.AccessTokenValidity.TotalSeconds);
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CognitoAuth.Emulator.Pool;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.OAuth;

/// <summary>
/// <c>grant_type=authorization_code</c> (AWS developer guide, "The token issuer endpoint"): <c>code</c> and
/// <c>redirect_uri</c> required (<c>invalid_request</c>); the client authenticated as it must be (<c>invalid_client</c>) and
/// allowed the <c>code</c> flow (<c>unauthorized_client</c>); then <c>invalid_grant</c> for a code that is unknown, spent,
/// older than five minutes or another client's, a <c>redirect_uri</c> not the authorize request's, and — when the authorize
/// request had a <c>code_challenge</c> — a missing <c>code_verifier</c> or one whose S256 is not the challenge. A code is
/// spent by the first request that presents it, whatever that request's fate (RFC 6749 §4.1.2; AWS's re:Post answers describe
/// the retry with the same code failing <c>invalid_grant</c>). Success: ID (with <c>openid</c>), access and refresh tokens of
/// a new sign-in with the granted scopes.
/// </summary>
internal static class AuthorizationCodeGrant
{
    public static TokenOutcome Redeem(PoolDirectory directory, string authorization, IFormCollection form)
    {
        var code = form["code"].ToString();
        var redirectUri = form["redirect_uri"].ToString();
        if (code.Length == 0 || redirectUri.Length == 0)
        {
            return TokenOutcome.Fail("invalid_request", code.Length == 0 ? "code is missing." : "redirect_uri is missing.");
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

            if (!client.AllowedOAuthFlowsUserPoolClient || !client.AllowedOAuthFlows.Contains("code", StringComparer.Ordinal) || pool.Domain is null)
            {
                return TokenOutcome.Fail("unauthorized_client");
            }

            var issued = directory.ManagedLogin.FindCode(code);
            if (issued is null || issued.PoolId != pool.Id || issued.ClientId != client.ClientId)
            {
                return TokenOutcome.Fail("invalid_grant");
            }

            var spent = issued.Used;
            issued.Used = true;
            if (spent || pool.Now >= issued.ExpiresAt || issued.RedirectUri != redirectUri)
            {
                return TokenOutcome.Fail("invalid_grant");
            }

            if (issued.CodeChallenge is { } challenge && !VerifierMatches(form["code_verifier"].ToString(), challenge))
            {
                return TokenOutcome.Fail("invalid_grant");
            }

            if (pool.FindUser(issued.Username) is not { Enabled: true } user)
            {
                return TokenOutcome.Fail("invalid_grant");
            }

            var signIn = SignInEvent.New(user, client.ClientId, issued.AuthTime, issued.Scopes);
            grant = TokenGrant.Of(pool, user, client, signIn, pool.IssueRefreshToken(signIn, client)) with { Nonce = issued.Nonce };
        }

        // Signed outside the lock, as every token.
        var (accessToken, idToken) = grant.Sign();
        return TokenOutcome.Granted(accessToken, idToken, grant.RefreshToken, (int)grant.AccessTokenValidity.TotalSeconds);
    }

    /// <summary>RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) equals the challenge; a verifier is 43–128 unreserved characters.</summary>
    private static bool VerifierMatches(string verifier, string challenge)
    {
        if (verifier.Length is < 43 or > 128 || !verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
        {
            return false;
        }

        var computed = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }
}

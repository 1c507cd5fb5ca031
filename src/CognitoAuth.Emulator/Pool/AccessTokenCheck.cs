using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// How Cognito checks an access token at its own operations (GetUser, ChangePassword, …, GlobalSignOut) and the userInfo
/// endpoint: signed by the pool's key, the pool's issuer, <c>token_use: access</c>, the required scope, not expired, its
/// sign-in not revoked, its user still there. Each caller answers a refusal in its own terms. Call under the gate.
/// </summary>
internal static class AccessTokenCheck
{
    public const string UserAdminScope = "aws.cognito.signin.user.admin";

    /// <summary>The refusal of the token, or <see langword="null"/> with its pool, user and scopes.</summary>
    public static CognitoError? Check(PoolDirectory directory, string accessToken, string requiredScope, out UserPool pool, out PoolUser user, out IReadOnlyList<string> scopes)
    {
        pool = null!;
        user = null!;
        scopes = [];
        var token = JsonWebToken.TryParse(accessToken);
        var issuer = token?.ClaimString("iss");
        var slash = issuer?.LastIndexOf('/') ?? -1;
        if (token is null || slash < 0 || directory.FindPool(issuer![(slash + 1)..]) is not { } found
            || token.Algorithm != "RS256"
            || token.KeyId != found.Key.KeyId
            || !token.VerifyRsa(found.Key.Rsa, "RS256")
            || issuer != found.Tokens.Issuer
            || token.ClaimString("token_use") != "access"
            || token.ClaimString("username") is not { } username)
        {
            return PoolErrors.InvalidAccessToken;
        }

        if (token.ClaimTime("exp") is not { } expires || found.Now >= expires)
        {
            return PoolErrors.AccessTokenExpired;
        }

        var granted = (token.ClaimString("scope") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!granted.Contains(requiredScope, StringComparer.Ordinal))
        {
            return PoolErrors.AccessTokenLacksScope;
        }

        if (token.ClaimString("origin_jti") is not { } originJti || found.SignInRevoked(originJti) || found.FindUser(username) is not { } owner)
        {
            return PoolErrors.AccessTokenRevoked;
        }

        (pool, user, scopes) = (found, owner, granted);
        return null;
    }
}

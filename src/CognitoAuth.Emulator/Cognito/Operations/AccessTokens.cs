using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// How Cognito checks the access token of the self-service operations (GetUser, ChangePassword, UpdateUserAttributes,
/// DeleteUser, GlobalSignOut): signed by the pool's key, the pool's issuer, <c>token_use: access</c>, the scope
/// <c>aws.cognito.signin.user.admin</c>, not expired, its sign-in not revoked, its user still there.
/// </summary>
internal static class AccessTokens
{
    public const string UserAdminScope = "aws.cognito.signin.user.admin";

    /// <summary>The pool and user an access token belongs to; call under the directory's gate.</summary>
    public static (UserPool Pool, PoolUser User) Resolve(PoolDirectory directory, string accessToken) => Resolve(directory, accessToken, UserAdminScope).Found;

    /// <summary>
    /// The pool and user of an access token that carries <paramref name="requiredScope"/> (the userInfo endpoint asks for
    /// <c>openid</c>), and the token's scopes; call under the directory's gate.
    /// </summary>
    public static ((UserPool Pool, PoolUser User) Found, IReadOnlyList<string> Scopes) Resolve(PoolDirectory directory, string accessToken, string requiredScope)
    {
        var token = JsonWebToken.TryParse(accessToken);
        var issuer = token?.ClaimString("iss");
        var slash = issuer?.LastIndexOf('/') ?? -1;
        if (token is null || slash < 0 || directory.FindPool(issuer![(slash + 1)..]) is not { } pool
            || token.Algorithm != "RS256"
            || token.KeyId != pool.Key.KeyId
            || !token.VerifyRsa(pool.Key.Rsa, "RS256")
            || issuer != pool.Tokens.Issuer
            || token.ClaimString("token_use") != "access"
            || token.ClaimString("username") is not { } username)
        {
            throw CognitoErrors.InvalidAccessToken();
        }

        if (token.ClaimTime("exp") is not { } expires || pool.Now >= expires)
        {
            throw CognitoErrors.AccessTokenExpired();
        }

        var scopes = (token.ClaimString("scope") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains(requiredScope, StringComparer.Ordinal))
        {
            throw CognitoErrors.AccessTokenLacksScope();
        }

        if (token.ClaimString("origin_jti") is not { } originJti || pool.SignInRevoked(originJti) || pool.FindUser(username) is not { } user)
        {
            throw CognitoErrors.AccessTokenRevoked();
        }

        return ((pool, user), scopes);
    }
}

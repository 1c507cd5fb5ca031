using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>The access-token check of the self-service operations (<see cref="AccessTokenCheck"/>), its refusal as the API's error.</summary>
internal static class AccessTokens
{
    /// <summary>The pool and user an access token with <c>aws.cognito.signin.user.admin</c> belongs to; call under the directory's gate.</summary>
    public static (UserPool Pool, PoolUser User) Resolve(PoolDirectory directory, string accessToken) =>
        AccessTokenCheck.Check(directory, accessToken, AccessTokenCheck.UserAdminScope, out var pool, out var user, out _) is { } refusal
            ? throw CognitoErrors.From(refusal)
            : (pool, user);
}

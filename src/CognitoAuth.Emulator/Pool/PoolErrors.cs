namespace CognitoAuth.Emulator.Pool;

/// <summary>The pool's own refusals as values, worded as Cognito words them (the attribute schema's).</summary>
internal static class PoolErrors
{
    public static CognitoError InvalidRefreshToken { get; } = new(SignInErrors.NotAuthorizedCode, "Invalid Refresh Token");

    public static CognitoError RefreshTokenRevoked { get; } = new(SignInErrors.NotAuthorizedCode, "Refresh Token has been revoked");

    public static CognitoError RefreshTokenExpired { get; } = new(SignInErrors.NotAuthorizedCode, "Refresh Token has expired");

    public static CognitoError InvalidAccessToken { get; } = new(SignInErrors.NotAuthorizedCode, "Invalid Access Token");

    public static CognitoError AccessTokenExpired { get; } = new(SignInErrors.NotAuthorizedCode, "Access Token has expired");

    public static CognitoError AccessTokenRevoked { get; } = new(SignInErrors.NotAuthorizedCode, "Access Token has been revoked");

    public static CognitoError AccessTokenLacksScope { get; } = new(SignInErrors.NotAuthorizedCode, "Access Token does not have required scopes");

    public static CognitoError AttributeNotInSchema(string name) =>
        new("InvalidParameterException", $"Attributes did not conform to the schema: {name}: Attribute does not exist in the schema.");

    public static CognitoError AttributeNotWritable(string name) =>
        new("InvalidParameterException", $"Attributes did not conform to the schema: {name}: Attribute cannot be updated.");

    /// <summary>Cognito's words, one line per attribute, each ending in a newline as the service's message does.</summary>
    public static CognitoError AttributeImmutable(IEnumerable<string> names) =>
        new("InvalidParameterException", string.Concat(names.Select(name => $"user.{name}: Attribute cannot be updated.\n")));
}

namespace CognitoAuth.Emulator.OAuth;

/// <summary>What a grant at the token endpoint comes to: an error code (and description), or the tokens to answer with.</summary>
internal sealed record TokenOutcome(string? Error, string? Description, string? AccessToken, string? IdToken, string? RefreshToken, int ExpiresIn)
{
    public static TokenOutcome Fail(string error, string? description = null) => new(error, description, null, null, null, 0);

    public static TokenOutcome Granted(string accessToken, string? idToken, string? refreshToken, int expiresIn) => new(null, null, accessToken, idToken, refreshToken, expiresIn);

    public override string ToString() => Error is null
        ? $"TokenOutcome {{ Granted, ExpiresIn = {ExpiresIn}, IdToken = {(IdToken is null ? "-" : "***")}, RefreshToken = {(RefreshToken is null ? "-" : "***")} }}"
        : $"TokenOutcome {{ Error = {Error} }}";
}

using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Client.Authentication;

/// <summary>Turns Cognito's answers to the auth operations into <see cref="SignInStep"/>s and <see cref="CognitoTokenSet"/>s.</summary>
internal static class AuthenticationResults
{
    /// <summary>The step <paramref name="response"/> stands for; <paramref name="sentAt"/> is when its request was sent.</summary>
    public static SignInStep Step(AuthFlowResponse response, DateTimeOffset sentAt) =>
        response.AuthenticationResult is { } result ? SignInStep.Signed(ToTokenSet(result, sentAt), NewDeviceOf(result))
        : response.ChallengeName is { Length: > 0 } challenge ? SignInStep.Challenge(challenge, response.Session, response.ChallengeParameters, response.AvailableChallenges)
        : throw new CognitoAuthenticationException("Cognito answered with neither tokens nor a challenge.");

    /// <summary>The tokens of <paramref name="result"/>; their lifetime counts from <paramref name="sentAt"/>.</summary>
    public static CognitoTokenSet ToTokenSet(AuthenticationResultType result, DateTimeOffset sentAt)
    {
        var accessToken = result.AccessToken is { Length: > 0 } token
            ? token
            : throw new CognitoAuthenticationException("Cognito's authentication result has no access token.");
        return new CognitoTokenSet
        {
            AccessToken = accessToken,
            IdToken = result.IdToken,
            RefreshToken = result.RefreshToken,
            IssuedAt = sentAt,
            ExpiresAt = sentAt + Lifetime(result, accessToken),
            Username = JwtClaims.CognitoUsername(accessToken, result.IdToken),
        };
    }

    /// <summary>
    /// <paramref name="renewed"/>, keeping <paramref name="previous"/>'s refresh token, user name and device where Cognito sent
    /// none (a refresh returns no refresh token unless it rotates them, and never a device).
    /// </summary>
    public static CognitoTokenSet Keeping(CognitoTokenSet renewed, CognitoTokenSet previous) =>
        renewed.RefreshToken is not null && renewed.Username is not null && (renewed.Device is not null || previous.Device is null)
            ? renewed
            : Copy(renewed, renewed.RefreshToken ?? previous.RefreshToken, renewed.Username ?? previous.Username, renewed.Device ?? previous.Device);

    /// <summary><paramref name="tokens"/> with <paramref name="device"/> as the user's remembered device (none: <see langword="null"/>).</summary>
    public static CognitoTokenSet WithDevice(CognitoTokenSet tokens, CognitoDevice? device) =>
        ReferenceEquals(tokens.Device, device) ? tokens : Copy(tokens, tokens.RefreshToken, tokens.Username, device);

    private static CognitoTokenSet Copy(CognitoTokenSet tokens, string? refreshToken, string? username, CognitoDevice? device) => new()
    {
        AccessToken = tokens.AccessToken,
        IdToken = tokens.IdToken,
        RefreshToken = refreshToken,
        IssuedAt = tokens.IssuedAt,
        ExpiresAt = tokens.ExpiresAt,
        Username = username,
        Device = device,
    };

    private static NewDevice? NewDeviceOf(AuthenticationResultType result) =>
        result.NewDeviceMetadata is { DeviceKey: { Length: > 0 } key, DeviceGroupKey: { Length: > 0 } group } ? new NewDevice(key, group) : null;

    /// <summary>
    /// <c>ExpiresIn</c>, counted from when the request was sent. botocore marks it optional and some endpoints
    /// (cognito-local) omit it: then the access token's own lifetime. Without either, every request would sign in again.
    /// </summary>
    private static TimeSpan Lifetime(AuthenticationResultType result, string accessToken) =>
        result.ExpiresIn > 0 ? TimeSpan.FromSeconds(result.ExpiresIn)
        : JwtClaims.Lifetime(accessToken)
            ?? throw new CognitoAuthenticationException("Cognito's authentication result gives no ExpiresIn, and the access token has no exp and iat claims: the token's lifetime is unknown.");
}

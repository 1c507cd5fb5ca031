namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// The checks every refresh makes (REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken, the token endpoint's
/// <c>refresh_token</c> grant), in Cognito's order: a token this client issued, its user still there, the client's own
/// proof (REFRESH_TOKEN_AUTH's SECRET_HASH, over the real username), the user enabled, the token's family not revoked, the
/// device it was issued to (a pool that remembers devices) named and still confirmed, the token not expired. Each caller
/// answers a refusal in its own terms. Call under the directory's gate.
/// </summary>
internal static class RefreshTokenRedemption
{
    public static CognitoError? Redeem(
        UserPool pool, AppClient client, string token, Func<PoolUser, CognitoError?>? checkClient, out RefreshTokenRecord record, out PoolUser user, string? deviceKey = null)
    {
        record = pool.FindRefreshToken(token)!;
        user = null!;
        if (record is null || record.SignIn.ClientId != client.ClientId)
        {
            return PoolErrors.InvalidRefreshToken;
        }

        if (pool.FindUser(record.SignIn.Username) is not { } found)
        {
            return PoolErrors.RefreshTokenRevoked;
        }

        user = found;
        if (checkClient?.Invoke(user) is { } refusal)
        {
            return refusal;
        }

        if (!user.Enabled)
        {
            return SignInErrors.UserDisabled;
        }

        if (record.Revoked)
        {
            return PoolErrors.RefreshTokenRevoked;
        }

        // As on AWS with device tracking: the tokens of a sign-in are the device's; any other device (or none), or the
        // device once forgotten, gets "Invalid Refresh Token".
        if (record.SignIn.DeviceKey is { } bound && pool.DeviceRemembering is not null && (deviceKey != bound || !pool.Devices.IsConfirmed(bound)))
        {
            return PoolErrors.InvalidRefreshToken;
        }

        return pool.Now >= record.ExpiresAt ? PoolErrors.RefreshTokenExpired : null;
    }
}

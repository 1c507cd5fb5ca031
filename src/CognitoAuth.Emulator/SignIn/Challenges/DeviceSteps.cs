using System.Collections.Frozen;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.SignIn.Challenges;

/// <summary>
/// Where remembered devices enter a sign-in, in a pool that remembers devices (<see cref="UserPool.DeviceRemembering"/>),
/// for the JSON API (the managed login tracks no devices):
/// <list type="bullet">
/// <item>A sign-in that names no device (<c>DEVICE_KEY</c>) gets a new one with its tokens (<c>NewDeviceMetadata</c>).</item>
/// <item>One that names a confirmed device of its user proves it before the tokens: <c>DEVICE_SRP_AUTH</c> →
/// <c>DEVICE_PASSWORD_VERIFIER</c>, after any MFA code — or, right after the password, instead of the MFA code when the
/// device is remembered and the pool's <c>ChallengeRequiredOnNewDevice</c> lets a remembered device replace it.</item>
/// <item>One that names any other key is refused with "Device does not exist." (before the step spends its session, so a
/// client can answer the same challenge again without the key, as amazon-cognito-identity-js does).</item>
/// </list>
/// </summary>
internal static class DeviceSteps
{
    public const string DeviceSrpAuth = "DEVICE_SRP_AUTH";
    public const string DevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER";
    public const string DeviceKeyParameter = "DEVICE_KEY";

    // The second factors a remembered device replaces (the MFA codes; not MFA_SETUP, which enrols one).
    private static readonly FrozenSet<string> SecondFactors =
        new[] { ChallengeNames.SoftwareTokenMfa, "SMS_MFA", "EMAIL_OTP", "SELECT_MFA_TYPE" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether the challenge is one of the device's own (its answers are the device's proof, not another step to follow).</summary>
    public static bool IsDeviceChallenge(string challengeName) => challengeName is DeviceSrpAuth or DevicePasswordVerifier;

    /// <summary>The refusal of a <c>DEVICE_KEY</c> that is not a confirmed device of the user; call under the gate.</summary>
    public static CognitoError? Refusal(UserPool pool, PoolUser user, string? deviceKey) =>
        deviceKey is null || pool.DeviceRemembering is null || pool.Devices.FindConfirmed(deviceKey, user) is not null ? null : DeviceErrors.DeviceDoesNotExist;

    /// <summary>
    /// What a step's result becomes once devices are taken into account (takes the gate): tokens with a new device, the device
    /// challenge instead of tokens or of the MFA code, or the result as it was (the device carried on to the next step).
    /// </summary>
    /// <param name="pool">The pool.</param>
    /// <param name="result">What the step decided.</param>
    /// <param name="deviceKey">The device the sign-in names, or <see langword="null"/>.</param>
    /// <param name="passwordJustProven">Whether the step proved the password (the moment a remembered device replaces the MFA code).</param>
    public static SignInResult After(UserPool pool, SignInResult result, string? deviceKey, bool passwordJustProven)
    {
        lock (pool.Gate)
        {
            if (pool.DeviceRemembering is not { } settings)
            {
                return result;
            }

            switch (result)
            {
                case SignInResult.Authenticated authenticated when deviceKey is null:
                    var issued = pool.Devices.Issue(authenticated.User, pool.Now);
                    return authenticated with { SignIn = authenticated.SignIn with { DeviceKey = issued.Key }, NewDevice = issued };

                case SignInResult.Authenticated authenticated:
                    return pool.Devices.FindConfirmed(deviceKey, authenticated.User) is { } known
                        ? Challenge(pool, authenticated.User, authenticated.Client.ClientId, known)
                        : new SignInResult.Refused(DeviceErrors.DeviceDoesNotExist);

                case SignInResult.Challenged challenged when deviceKey is not null
                    && pool.FindSession(challenged.Session) is { } session && pool.FindUser(session.Username) is { } user:
                    if (pool.Devices.FindConfirmed(deviceKey, user) is not { } device)
                    {
                        session.Used = true;
                        return new SignInResult.Refused(DeviceErrors.DeviceDoesNotExist);
                    }

                    if (passwordJustProven && device.Remembered && settings.ChallengeRequiredOnNewDevice && SecondFactors.Contains(challenged.Name))
                    {
                        session.Used = true;
                        return Challenge(pool, user, session.ClientId, device);
                    }

                    session.DeviceKey = device.Key;
                    return result;

                default:
                    return result;
            }
        }
    }

    /// <summary><c>DEVICE_SRP_AUTH</c>: the device is to prove itself with <c>SRP_A</c>.</summary>
    private static SignInResult.Challenged Challenge(UserPool pool, PoolUser user, string clientId, DeviceRecord device) => new(
        DeviceSrpAuth,
        new Dictionary<string, string>(StringComparer.Ordinal) { ["USERNAME"] = user.Username },
        pool.StartSession(new ChallengeSession
        {
            Username = user.Username,
            ClientId = clientId,
            ChallengeName = DeviceSrpAuth,
            ExpiresAt = pool.SessionExpiry,
            DeviceKey = device.Key,
        }));
}

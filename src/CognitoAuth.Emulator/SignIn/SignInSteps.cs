using System.Text.Json;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.SignIn;

/// <summary>
/// What follows once a user has proven the password (by sending it, or by an SRP proof), in Cognito's order: an unconfirmed
/// user is refused; a temporary password asks for a new one (<c>NEW_PASSWORD_REQUIRED</c>) unless it has expired; then the
/// second factor — the <c>SOFTWARE_TOKEN_MFA</c> code of a user whose TOTP is enabled (or required by MFA ON), or
/// <c>MFA_SETUP</c> for a user of a pool with MFA ON who has no token yet; then the user is signed in. Call under the
/// directory's lock.
/// </summary>
internal static class SignInSteps
{
    /// <summary>The refusals of a user who has proven the password but may not sign in, in Cognito's order.</summary>
    public static CognitoError? FirstFactorRefusal(PoolUser user) =>
        !user.Enabled ? SignInErrors.UserDisabled
        : user.Status == UserStatus.ResetRequired ? SignInErrors.PasswordResetRequired
        : null;

    public static SignInResult AfterPassword(UserPool pool, PoolUser user, AppClient client)
    {
        if (user.Status == UserStatus.Unconfirmed)
        {
            return new SignInResult.Refused(SignInErrors.UserNotConfirmed);
        }

        if (user.Status == UserStatus.ForceChangePassword)
        {
            return pool.TemporaryPasswordExpired(user)
                ? new SignInResult.Refused(SignInErrors.TemporaryPasswordExpired)
                : Challenge(pool, user, client, ChallengeNames.NewPasswordRequired, NewPasswordParameters(user));
        }

        return SecondFactor(pool, user, client);
    }

    /// <summary>After the first factor (and a new password, if one was asked for): the MFA challenge, or signed in.</summary>
    public static SignInResult SecondFactor(UserPool pool, PoolUser user, AppClient client)
    {
        if (pool.AsksForSoftwareToken(user))
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["USER_ID_FOR_SRP"] = user.Username };
            if (user.SoftwareToken!.DeviceName is { } device)
            {
                parameters["FRIENDLY_DEVICE_NAME"] = device;
            }

            return Challenge(pool, user, client, ChallengeNames.SoftwareTokenMfa, parameters);
        }

        if (CodeChallenges.SecondFactor(pool, user) is { } codeMfa)
        {
            return CodeChallenges.Start(pool, user, client, codeMfa, firstFactor: false);
        }

        if (pool.RequiresMfaSetup(user))
        {
            // The MFA types the user can set up, as a JSON array in a string: software tokens are the emulator's only one.
            return Challenge(pool, user, client, ChallengeNames.MfaSetup, new Dictionary<string, string>(StringComparer.Ordinal) { ["MFAS_CAN_SETUP"] = """["SOFTWARE_TOKEN_MFA"]""" });
        }

        return SignedIn(pool, user, client);
    }

    /// <summary>The user is signed in: a new sign-in event.</summary>
    public static SignInResult SignedIn(UserPool pool, PoolUser user, AppClient client) =>
        new SignInResult.Authenticated(user, client, SignInEvent.New(user, client.ClientId, pool.Now));

    private static SignInResult.Challenged Challenge(UserPool pool, PoolUser user, AppClient client, string name, IReadOnlyDictionary<string, string> parameters) =>
        new(name, parameters, pool.StartSession(user, client, name));

    private static Dictionary<string, string> NewPasswordParameters(PoolUser user)
    {
        // Cognito sends the user's attributes (all but sub) and the required ones still missing, each as a JSON string.
        var attributes = user.Attributes.Where(a => a.Key != "sub").ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["USER_ID_FOR_SRP"] = user.Username,
            ["requiredAttributes"] = "[]",
            ["userAttributes"] = JsonSerializer.Serialize(attributes, SignInJsonContext.Default.DictionaryStringString),
        };
    }
}

using System.Text.Json;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// What follows once a user has proven the password (by sending it, or by an SRP proof), in Cognito's order: an unconfirmed
/// user is refused; a temporary password asks for a new one (<c>NEW_PASSWORD_REQUIRED</c>); then the second factor — the
/// <c>SOFTWARE_TOKEN_MFA</c> code of a user whose TOTP is enabled (or required by MFA ON), or <c>MFA_SETUP</c> for a user
/// of a pool with MFA ON who has no token yet; then tokens. Call under the pool's lock.
/// </summary>
internal static class SignInSteps
{
    public const string NewPasswordRequired = "NEW_PASSWORD_REQUIRED";
    public const string SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA";
    public const string MfaSetup = "MFA_SETUP";

    public static AuthOutcome AfterPassword(UserPool pool, PoolUser user, AppClient client)
    {
        if (user.Status == UserStatus.Unconfirmed)
        {
            throw CognitoErrors.UserNotConfirmed();
        }

        if (user.Status == UserStatus.ForceChangePassword)
        {
            return pool.TemporaryPasswordExpired(user)
                ? throw CognitoErrors.TemporaryPasswordExpired()
                : new AuthOutcome(NewPasswordChallenge(pool, user, client), null);
        }

        return SecondFactor(pool, user, client);
    }

    /// <summary>After the first factor (and a new password, if one was asked for): the MFA challenge, or tokens.</summary>
    public static AuthOutcome SecondFactor(UserPool pool, PoolUser user, AppClient client)
    {
        if (pool.AsksForSoftwareToken(user))
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["USER_ID_FOR_SRP"] = user.Username };
            if (user.SoftwareToken!.DeviceName is { } device)
            {
                parameters["FRIENDLY_DEVICE_NAME"] = device;
            }

            return Challenge(pool, user, client, SoftwareTokenMfa, parameters);
        }

        if (pool.RequiresMfaSetup(user))
        {
            // The MFA types the user can set up, as a JSON array in a string: software tokens are the emulator's only one.
            return Challenge(pool, user, client, MfaSetup, new(StringComparer.Ordinal) { ["MFAS_CAN_SETUP"] = """["SOFTWARE_TOKEN_MFA"]""" });
        }

        return SignedIn(pool, user, client);
    }

    /// <summary>A new sign-in: its tokens, and the first refresh token of its family.</summary>
    public static AuthOutcome SignedIn(UserPool pool, PoolUser user, AppClient client)
    {
        var signIn = SignInEvent.New(user, client.ClientId, pool.Now);
        return new AuthOutcome(null, TokenGrant.Of(pool, user, client, signIn, pool.IssueRefreshToken(signIn, client)));
    }

    private static AuthOutcome Challenge(UserPool pool, PoolUser user, AppClient client, string name, Dictionary<string, string> parameters) => new(
        new AuthFlowResponse { ChallengeName = name, Session = pool.StartSession(user, client, name), ChallengeParameters = parameters },
        null);

    private static AuthFlowResponse NewPasswordChallenge(UserPool pool, PoolUser user, AppClient client)
    {
        // Cognito sends the user's attributes (all but sub) and the required ones still missing, each as a JSON string.
        var attributes = user.Attributes.Where(a => a.Key != "sub").ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        return new AuthFlowResponse
        {
            ChallengeName = NewPasswordRequired,
            Session = pool.StartSession(user, client, NewPasswordRequired),
            ChallengeParameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["USER_ID_FOR_SRP"] = user.Username,
                ["requiredAttributes"] = "[]",
                ["userAttributes"] = JsonSerializer.Serialize(attributes, CognitoJsonContext.Default.DictionaryStringString),
            },
        };
    }
}

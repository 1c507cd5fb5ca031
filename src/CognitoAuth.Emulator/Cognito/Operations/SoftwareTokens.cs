using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Totp;
using CognitoAuth.Emulator.SignIn;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// A user's TOTP software token and MFA preferences: AssociateSoftwareToken and VerifySoftwareToken (by access token, or by
/// the session of an <c>MFA_SETUP</c> challenge — then each step answers the session the next one takes),
/// SetUserMFAPreference and AdminSetUserMFAPreference. A token is used for sign-in once verified and enabled (or, in a pool
/// with MFA ON, once verified); a new one replaces the old only when it is verified. A code accepted here counts as used:
/// the sign-in that follows in the same 30 seconds needs the next one, as with Cognito.
/// </summary>
internal sealed class SoftwareTokens(PoolDirectory directory, SignInEngine engine)
{
    private const string Success = "SUCCESS";

    public AssociateSoftwareTokenResponse AssociateSoftwareToken(AssociateSoftwareTokenRequest request)
    {
        EnsureOneOf(request.AccessToken, request.Session);
        if (request.Session is { } session)
        {
            // A step of the MFA_SETUP challenge: the sign-in engine's.
            var associated = engine.AssociateForSetup(session);
            return associated.Refusal is { } refusal
                ? throw CognitoErrors.From(refusal)
                : new AssociateSoftwareTokenResponse { SecretCode = associated.SecretCode, Session = associated.Session };
        }

        lock (directory.Gate)
        {
            var (pool, user) = AccessTokens.Resolve(directory, request.AccessToken!);
            EnsureEnabled(pool);
            user.PendingSoftwareToken = SoftwareToken.Generate();
            directory.Touch();
            return new AssociateSoftwareTokenResponse { SecretCode = user.PendingSoftwareToken.SecretCode };
        }
    }

    public VerifySoftwareTokenResponse VerifySoftwareToken(VerifySoftwareTokenRequest request)
    {
        new RequestValidator()
            .Required("userCode", request.UserCode)
            .MinLength("userCode", request.UserCode, 6)
            .MaxLength("userCode", request.UserCode, 6)
            .Pattern("userCode", request.UserCode, char.IsAsciiDigit, "[0-9]+")
            .ThrowIfInvalid();
        EnsureOneOf(request.AccessToken, request.Session);
        if (request.Session is { } session)
        {
            // A step of the MFA_SETUP challenge: the sign-in engine's.
            var verified = engine.VerifyForSetup(session, request.UserCode!, request.FriendlyDeviceName);
            return verified.Refusal is { } refusal
                ? throw CognitoErrors.From(refusal)
                : new VerifySoftwareTokenResponse { Status = Success, Session = verified.Session };
        }

        lock (directory.Gate)
        {
            var (pool, user) = AccessTokens.Resolve(directory, request.AccessToken!);
            EnsureEnabled(pool);
            var pending = user.PendingSoftwareToken ?? throw CognitoErrors.SoftwareTokenNotFoundForUser();
            var step = Check(pending, request.UserCode!, pool.Now);

            // The new token takes the old one's place, with the preferences the user had set.
            user.SoftwareToken = new UserSoftwareToken(pending)
            {
                DeviceName = request.FriendlyDeviceName,
                Enabled = user.SoftwareToken?.Enabled ?? false,
                Preferred = user.SoftwareToken?.Preferred ?? false,
            };
            user.PendingSoftwareToken = null;
            user.LastTotpStep = step;
            user.LastModifiedAt = pool.Now;
            directory.Touch();
            return new VerifySoftwareTokenResponse { Status = Success };
        }
    }

    public EmptyResponse SetUserMFAPreference(SetUserMFAPreferenceRequest request)
    {
        new RequestValidator().Required("accessToken", request.AccessToken).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, user) = AccessTokens.Resolve(directory, request.AccessToken!);
            SetPreferences(pool, user, request.SMSMfaSettings?.Enabled, request.EmailMfaSettings?.Enabled, request.SoftwareTokenMfaSettings);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    public EmptyResponse AdminSetUserMFAPreference(AdminSetUserMFAPreferenceRequest request)
    {
        new RequestValidator().Required("username", request.Username).Required("userPoolId", request.UserPoolId).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            SetPreferences(pool, pool.User(request.Username!), request.SMSMfaSettings?.Enabled, request.EmailMfaSettings?.Enabled, request.SoftwareTokenMfaSettings);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    /// <summary>GetUser's and AdminGetUser's <c>UserMFASettingList</c>: the MFA types a sign-in asks of the user, or null for none.</summary>
    public static List<string>? SettingList(UserPool pool, PoolUser user) =>
        user.SoftwareToken is { } token && (token.Enabled || pool.MfaConfiguration == "ON") ? [ChallengeNames.SoftwareTokenMfa] : null;

    /// <summary>GetUser's and AdminGetUser's <c>PreferredMfaSetting</c>.</summary>
    public static string? Preferred(PoolUser user) => user.SoftwareToken is { Enabled: true, Preferred: true } ? ChallengeNames.SoftwareTokenMfa : null;

    private static void SetPreferences(UserPool pool, PoolUser user, bool? smsEnabled, bool? emailEnabled, SoftwareTokenMfaSettingsType? softwareToken)
    {
        // The emulator sends no SMS or email codes: no user has the "delivery config" those types need.
        if (smsEnabled == true)
        {
            throw CognitoErrors.MfaTypeNotSetUp("SMS_MFA");
        }

        if (emailEnabled == true)
        {
            throw CognitoErrors.MfaTypeNotSetUp("EMAIL_OTP");
        }

        if (softwareToken is null)
        {
            return;
        }

        if (user.SoftwareToken is not { } token)
        {
            if (softwareToken.Enabled == true || softwareToken.PreferredMfa == true)
            {
                throw CognitoErrors.MfaTypeNotSetUp(ChallengeNames.SoftwareTokenMfa);
            }

            return;
        }

        token.Enabled = softwareToken.Enabled ?? token.Enabled;
        token.Preferred = token.Enabled && (softwareToken.PreferredMfa ?? token.Preferred);
        user.LastModifiedAt = pool.Now;
    }

    /// <summary>The step a code matched; a wrong code is EnableSoftwareTokenMFAException, as Cognito answers VerifySoftwareToken.</summary>
    private static long Check(SoftwareToken token, string code, DateTimeOffset now)
    {
        var check = token.Verify(code, now);
        return check.Result == TotpResult.Accepted ? check.Step!.Value : throw CognitoErrors.SoftwareTokenNotVerified();
    }

    private static void EnsureOneOf(string? accessToken, string? session)
    {
        if ((accessToken is null) == (session is null))
        {
            throw CognitoErrors.AccessTokenOrSession();
        }
    }

    private static void EnsureEnabled(UserPool pool)
    {
        if (!pool.SoftwareTokenMfaEnabled)
        {
            throw CognitoErrors.SoftwareTokenMfaNotEnabledForPool();
        }
    }
}

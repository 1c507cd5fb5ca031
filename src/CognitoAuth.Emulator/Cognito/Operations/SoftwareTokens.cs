using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Totp;
using CognitoAuth.Emulator.SignIn;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// A user's TOTP software token and MFA preferences: AssociateSoftwareToken and VerifySoftwareToken (by access token, or by
/// the session of an <c>MFA_SETUP</c> challenge — then each step answers the session the next one takes),
/// SetUserMFAPreference and AdminSetUserMFAPreference (which also choose the SMS and e-mail MFA types). A token is used for sign-in once verified and enabled (or, in a pool
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
            SetPreferences(pool, user, request.SMSMfaSettings, request.EmailMfaSettings, request.SoftwareTokenMfaSettings);
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
            SetPreferences(pool, pool.User(request.Username!), request.SMSMfaSettings, request.EmailMfaSettings, request.SoftwareTokenMfaSettings);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    /// <summary>GetUser's, AdminGetUser's and GetUserAuthFactors' <c>UserMFASettingList</c>: the MFA types a sign-in asks of the user, or null for none.</summary>
    public static List<string>? SettingList(UserPool pool, PoolUser user)
    {
        List<string> types = [];
        if (user.SoftwareToken is { } token && (token.Enabled || pool.MfaConfiguration == "ON"))
        {
            types.Add(ChallengeNames.SoftwareTokenMfa);
        }

        if (user.SmsMfa.Enabled)
        {
            types.Add(ChallengeNames.SmsMfa);
        }

        if (user.EmailMfa.Enabled)
        {
            types.Add(ChallengeNames.EmailOtp);
        }

        return types.Count > 0 ? types : null;
    }

    /// <summary>GetUser's, AdminGetUser's and GetUserAuthFactors' <c>PreferredMfaSetting</c>.</summary>
    public static string? Preferred(PoolUser user) =>
        user.SoftwareToken is { Enabled: true, Preferred: true } ? ChallengeNames.SoftwareTokenMfa
        : user.SmsMfa is { Enabled: true, Preferred: true } ? ChallengeNames.SmsMfa
        : user.EmailMfa is { Enabled: true, Preferred: true } ? ChallengeNames.EmailOtp
        : null;

    /// <summary>
    /// The user's choices: a type is activated and preferred as asked, what the request leaves out stays; SMS needs a pool with
    /// SMS MFA and a <c>phone_number</c>, e-mail a pool with e-mail MFA and an <c>email</c> (Cognito's "delivery config"), a
    /// software token a verified token. Only
    /// one type is preferred: preferring one drops the preference of the others.
    /// </summary>
    private static void SetPreferences(UserPool pool, PoolUser user, SMSMfaSettingsType? sms, EmailMfaSettingsType? email, SoftwareTokenMfaSettingsType? softwareToken)
    {
        if (Asks(sms?.Enabled, sms?.PreferredMfa) && (!pool.SmsMfaEnabled || user.Attribute("phone_number") is null))
        {
            throw CognitoErrors.MfaTypeNotSetUp(ChallengeNames.SmsMfa);
        }

        if (Asks(email?.Enabled, email?.PreferredMfa) && (!pool.EmailMfaEnabled || user.Email is null))
        {
            throw CognitoErrors.MfaTypeNotSetUp(ChallengeNames.EmailOtp);
        }

        if (Asks(softwareToken?.Enabled, softwareToken?.PreferredMfa) && user.SoftwareToken is null)
        {
            throw CognitoErrors.MfaTypeNotSetUp(ChallengeNames.SoftwareTokenMfa);
        }

        user.SmsMfa = Choose(user.SmsMfa, sms?.Enabled, sms?.PreferredMfa);
        user.EmailMfa = Choose(user.EmailMfa, email?.Enabled, email?.PreferredMfa);
        if (user.SoftwareToken is { } token && softwareToken is not null)
        {
            token.Enabled = softwareToken.Enabled ?? token.Enabled;
            token.Preferred = token.Enabled && (softwareToken.PreferredMfa ?? token.Preferred);
        }

        // One preferred type: the one this request prefers.
        if (sms?.PreferredMfa == true || email?.PreferredMfa == true || softwareToken?.PreferredMfa == true)
        {
            if (sms?.PreferredMfa != true)
            {
                user.SmsMfa = user.SmsMfa with { Preferred = false };
            }

            if (email?.PreferredMfa != true)
            {
                user.EmailMfa = user.EmailMfa with { Preferred = false };
            }

            if (softwareToken?.PreferredMfa != true && user.SoftwareToken is { } other)
            {
                other.Preferred = false;
            }
        }

        user.LastModifiedAt = pool.Now;
    }

    private static bool Asks(bool? enabled, bool? preferred) => enabled == true || preferred == true;

    private static MfaChoice Choose(MfaChoice current, bool? enabled, bool? preferred)
    {
        var on = enabled ?? current.Enabled;
        return new MfaChoice(on, on && (preferred ?? current.Preferred));
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

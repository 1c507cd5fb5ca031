using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.SignIn;

/// <summary>
/// The challenges answered with a code sent to a person: <c>EMAIL_OTP</c> and <c>SMS_OTP</c> as first factors of
/// <c>USER_AUTH</c>, <c>SMS_MFA</c> and <c>EMAIL_OTP</c> as second factors. Starting one makes the code and keeps it in the
/// challenge's session, under the directory's lock; the engine sends the message once the lock is released.
/// </summary>
internal static class CodeChallenges
{
    /// <summary>The answer's key for each code challenge.</summary>
    public static string AnswerKey(string challengeName) => challengeName + "_CODE";

    /// <summary>
    /// The code MFA type a sign-in of <paramref name="user"/> is asked for, or <see langword="null"/>: the SMS and e-mail types
    /// the user activated (SetUserMFAPreference) and the pool offers — its preferred one first, SMS before e-mail — or, in
    /// a pool with MFA ON, whichever the pool offers and the user has an address for. Software tokens are decided before.
    /// </summary>
    public static string? SecondFactor(UserPool pool, PoolUser user)
    {
        var sms = pool.SmsMfaEnabled && user.Attribute("phone_number") is not null;
        var email = pool.EmailMfaEnabled && user.Email is not null;
        if (sms && user.SmsMfa is { Enabled: true, Preferred: true })
        {
            return ChallengeNames.SmsMfa;
        }

        if (email && user.EmailMfa is { Enabled: true, Preferred: true })
        {
            return ChallengeNames.EmailOtp;
        }

        var required = pool.MfaConfiguration == "ON";
        return sms && (user.SmsMfa.Enabled || required) ? ChallengeNames.SmsMfa
            : email && (user.EmailMfa.Enabled || required) ? ChallengeNames.EmailOtp
            : null;
    }

    /// <summary>
    /// Starts a code challenge: a new code (eight digits, six for <c>SMS_MFA</c>) in a new session, and the parameters Cognito
    /// sends with it — where the code went, masked (<c>CODE_DELIVERY_DELIVERY_MEDIUM</c>, <c>CODE_DELIVERY_DESTINATION</c>).
    /// </summary>
    public static SignInResult Start(UserPool pool, PoolUser user, AppClient client, string challengeName, bool firstFactor)
    {
        var (medium, destination) = challengeName == ChallengeNames.EmailOtp ? ("EMAIL", user.Email) : ("SMS", user.Attribute("phone_number"));
        if (destination is null)
        {
            // Checked by the callers; a user changed since would be told as Cognito tells a missing delivery address.
            return new SignInResult.Refused(SignInErrors.InvalidParameter($"User does not have delivery config set to turn on {challengeName}"));
        }

        var code = SignInCode.New(medium, destination, challengeName == ChallengeNames.SmsMfa ? 6 : 8, pool.Now, firstFactor);
        var session = pool.StartSession(new ChallengeSession
        {
            Username = user.Username,
            ClientId = client.ClientId,
            ChallengeName = challengeName,
            ExpiresAt = pool.SessionExpiry,
            Code = code,
        });
        return new SignInResult.Challenged(
            challengeName,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["CODE_DELIVERY_DELIVERY_MEDIUM"] = medium,
                ["CODE_DELIVERY_DESTINATION"] = CodeDelivery.Mask(destination, medium),
                ["USER_ID_FOR_SRP"] = user.Username,
            },
            session);
    }
}

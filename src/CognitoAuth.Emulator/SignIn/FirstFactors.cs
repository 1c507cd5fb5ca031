using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.SignIn;

/// <summary>
/// Which first factors of choice-based sign-in (<c>USER_AUTH</c>) a user may use: those the pool's
/// <c>SignInPolicy.AllowedFirstAuthFactors</c> allows and the user can complete — <c>PASSWORD</c> and <c>PASSWORD_SRP</c>
/// with a password, <c>EMAIL_OTP</c> with a verified e-mail address in a pool that sends e-mail through SES,
/// <c>SMS_OTP</c> with a verified phone number in a pool that sends texts. <c>WEB_AUTHN</c> never: the emulator keeps no
/// passkeys. Call under the directory's lock.
/// </summary>
internal static class FirstFactors
{
    /// <summary>What <c>PREFERRED_CHALLENGE</c> and a <c>SELECT_CHALLENGE</c> answer may name.</summary>
    public static readonly IReadOnlyList<string> Names =
        [ChallengeNames.Password, ChallengeNames.PasswordSrp, ChallengeNames.EmailOtp, ChallengeNames.SmsOtp, ChallengeNames.WebAuthn];

    /// <summary>The choices of <c>SELECT_CHALLENGE</c> (<c>AvailableChallenges</c>), in the order of the pool's policy.</summary>
    public static List<string> Available(UserPool pool, PoolUser user)
    {
        var available = new List<string>();
        foreach (var factor in pool.AllowedFirstAuthFactors)
        {
            switch (factor)
            {
                case ChallengeNames.Password when user.Password is not null:
                    available.Add(ChallengeNames.PasswordSrp);
                    available.Add(ChallengeNames.Password);
                    break;
                case ChallengeNames.EmailOtp when user.Email is not null && user.EmailVerified && pool.SendsEmailWithSes:
                case ChallengeNames.SmsOtp when user.Attribute("phone_number") is not null && user.PhoneNumberVerified && pool.SendsSms:
                    available.Add(factor);
                    break;
            }
        }

        return available;
    }

    /// <summary>GetUserAuthFactors' <c>ConfiguredUserAuthFactors</c>: the factor types (<c>PASSWORD</c>, <c>EMAIL_OTP</c>, <c>SMS_OTP</c>) of <see cref="Available"/>.</summary>
    public static List<string> Configured(UserPool pool, PoolUser user) =>
        [.. Available(pool, user).Where(f => f != ChallengeNames.PasswordSrp)];

    public static CognitoError WebAuthnNotEmulated { get; } = SignInErrors.InvalidParameter(
        "WEB_AUTHN (passkeys) is not emulated: sign in with PASSWORD, PASSWORD_SRP, EMAIL_OTP or SMS_OTP.");

    public static CognitoError UnknownFactor(string factor) =>
        SignInErrors.InvalidParameter($"{factor} is not a first factor of USER_AUTH: use PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP or WEB_AUTHN.");

    // The emulator's wording: AWS's answer to a choice outside AvailableChallenges is not documented.
    public static CognitoError NotAvailable(string factor) =>
        SignInErrors.InvalidParameter($"The challenge {factor} is not available for this user: choose one of the AvailableChallenges.");
}

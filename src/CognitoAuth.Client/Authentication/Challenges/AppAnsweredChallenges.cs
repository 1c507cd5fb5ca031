using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Client.Authentication.Challenges;

/// <summary>
/// The challenges only the app can answer — a person reads a code, or the pool's own custom challenge — with the response
/// key its <see cref="ICognitoChallengeHandler"/> returns: what the error says when no handler answered one.
/// </summary>
internal static class AppAnsweredChallenges
{
    private static readonly Dictionary<string, (string Key, string What)> Known = new(StringComparer.Ordinal)
    {
        [ChallengeNameType.CustomChallenge] = (AuthParameterNames.Answer, "the pool's custom challenge (its create-auth-challenge trigger's public parameters are the question)"),
        [ChallengeNameType.EmailOtp] = (AuthParameterNames.EmailOtpCode, "the code Cognito e-mailed to the user"),
        [ChallengeNameType.SmsOtp] = (AuthParameterNames.SmsOtpCode, "the code Cognito sent to the user's phone"),
        [ChallengeNameType.SmsMfa] = (AuthParameterNames.SmsMfaCode, "the code Cognito sent to the user's phone"),
    };

    /// <summary>The error for <paramref name="challengeName"/> when no handler answered it, or <see langword="null"/> when it is not one of these.</summary>
    public static CognitoAuthenticationException? Unanswered(string clientName, string challengeName) =>
        challengeName == ChallengeNameType.WebAuthn
            ? new CognitoAuthenticationException(
                $"Cognito asked the user of client '{clientName}' for WEB_AUTHN (a passkey), which this client does not support: " +
                "set PreferredChallenge to PASSWORD, PASSWORD_SRP, EMAIL_OTP or SMS_OTP, or allow the user another first factor.",
                challengeName)
        : Known.TryGetValue(challengeName, out var known)
            ? new CognitoAuthenticationException(
                $"Cognito asked the user of client '{clientName}' for {challengeName}: {known.What}, which only the application can answer, and no " +
                $"ICognitoChallengeHandler answered it. Register one (services.AddSingleton<ICognitoChallengeHandler, MyHandler>()) that returns " +
                $"{{ \"{known.Key}\": … }} for {challengeName} — by asking a person, or from wherever the answer is kept. A process with no one to ask " +
                "(a worker) cannot complete this sign-in: give it a flow that needs no person.",
                challengeName)
            : null;
}

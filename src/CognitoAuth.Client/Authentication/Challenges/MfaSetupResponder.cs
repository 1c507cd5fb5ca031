using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Client.Authentication.Challenges;

/// <summary>
/// <c>MFA_SETUP</c>: the pool requires a second factor and the user has none. Enrolling gives the user a new secret
/// (<c>AssociateSoftwareToken</c>) that a person must keep, so the client does not do it during a sign-in: it says how.
/// </summary>
internal sealed class MfaSetupResponder : IChallengeResponder
{
    public string ChallengeName => ChallengeNameType.MfaSetup;

    public ValueTask AnswerAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken) =>
        throw new CognitoAuthenticationException(
            $"The user of client '{attempt.Client.Name}' must enrol a second factor first (Cognito answered MFA_SETUP: the pool requires MFA). " +
            (string.IsNullOrEmpty(attempt.Client.Options.TotpSecret) ? string.Empty : "The configured TotpSecret is not enrolled for this user. ") +
            "Enrolling at this challenge gives a new secret that a person must keep, so this client does not do it: enrol the user once where a " +
            "person answers (the managed login, with AuthFlow AuthorizationCode), or make the pool's MFA optional and enrol with ICognitoTotpEnrolment " +
            "(e.g. `cognito-sample enrol-totp`); then configure the secret as 'TotpSecret'.",
            ChallengeNameType.MfaSetup);
}

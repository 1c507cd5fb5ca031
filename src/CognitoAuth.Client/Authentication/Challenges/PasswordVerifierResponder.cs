using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Client.Authentication.Challenges;

/// <summary>
/// <c>PASSWORD_VERIFIER</c>, the second step of <c>USER_SRP_AUTH</c>: the SRP-6a proof that the user knows the password,
/// from the sign-in's ephemeral key, the pool's name and the time (<c>TIMESTAMP</c>). The password itself is never sent.
/// </summary>
internal sealed class PasswordVerifierResponder(TimeProvider timeProvider) : IChallengeResponder
{
    public string ChallengeName => ChallengeNameType.PasswordVerifier;

    public ValueTask AnswerAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken)
    {
        var srp = attempt.Srp ?? throw new CognitoAuthenticationException(
            "Cognito asked for PASSWORD_VERIFIER, the answer to an SRP proof (SRP_A), which this sign-in did not start: set AuthFlow to UserSrp " +
            "(or CustomAuth with CustomAuthWithSrp, or UserAuth with PreferredChallenge PASSWORD_SRP).",
            ChallengeNameType.PasswordVerifier);
        var claim = srp.AnswerPasswordVerifier(challenge.Parameters, attempt.Client.Options.UserPoolId!, attempt.Password!, timeProvider.GetUtcNow());
        foreach (var (name, value) in claim.ToChallengeResponses())
        {
            responses[name] = value;
        }

        // A remembered device is named here too (AWS's reference and its JavaScript client do): Cognito may check it only now.
        if (attempt.Device is { } device)
        {
            responses[AuthParameterNames.DeviceKey] = device.DeviceKey;
        }

        return ValueTask.CompletedTask;
    }
}

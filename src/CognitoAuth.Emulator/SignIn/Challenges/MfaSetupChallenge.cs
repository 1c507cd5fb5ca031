using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.SignIn.Challenges;

/// <summary>
/// <c>MFA_SETUP</c>: answered with the session VerifySoftwareToken gave (the setup's sessions: the challenge's goes to
/// AssociateSoftwareToken, whose session goes to VerifySoftwareToken, whose session answers here); it signs the user in.
/// </summary>
internal sealed class MfaSetupChallenge : IChallenge
{
    public string Name => ChallengeNames.MfaSetup;

    public Task<SignInResult> AnswerAsync(ChallengeContext context, CancellationToken cancellationToken) => Task.FromResult(context.Decide(() =>
    {
        // Only the session of a successful VerifySoftwareToken completes the setup.
        if (context.Session.MfaSetup != MfaSetupStep.TokenVerified || context.User.SoftwareToken is null)
        {
            return new SignInResult.Refused(SignInErrors.InvalidSession);
        }

        context.Session.Used = true;
        return SignInSteps.SignedIn(context.Pool, context.User, context.Client);
    }));
}

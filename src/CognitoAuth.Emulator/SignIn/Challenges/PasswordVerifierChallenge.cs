using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Srp;

namespace CognitoAuth.Emulator.SignIn.Challenges;

/// <summary>
/// <c>PASSWORD_VERIFIER</c>: the answer (<c>PASSWORD_CLAIM_SIGNATURE</c>, <c>PASSWORD_CLAIM_SECRET_BLOCK</c>, <c>TIMESTAMP</c>)
/// is checked against the exchange the session holds; the exchange is spent whatever the outcome, so a wrong proof needs a
/// new InitiateAuth (a malformed <c>TIMESTAMP</c> is a parameter error and leaves the session as it was). Then the sign-in
/// goes on as after a password — or, in a <c>CUSTOM_AUTH</c> sign-in begun with <c>SRP_A</c>, back to the define trigger
/// (<see cref="CustomChallenge"/>).
/// </summary>
internal sealed class PasswordVerifierChallenge : IChallenge
{
    public string Name => ChallengeNames.PasswordVerifier;

    public Task<SignInResult> AnswerAsync(ChallengeContext context, CancellationToken cancellationToken) =>
        context.Session.CustomAuth is not null
            ? CustomChallenge.AnswerPasswordVerifierAsync(context, cancellationToken)
            : Task.FromResult(context.Decide(() => (SignInResult?)Prove(context) ?? SignInSteps.AfterPassword(context.Pool, context.User, context.Client)));

    /// <summary>
    /// Checks the proof (under the lock, from <see cref="ChallengeContext.Decide"/>) and spends the exchange: the refusal,
    /// or <see langword="null"/> when the user has proven the password and may go on.
    /// </summary>
    internal static SignInResult.Refused? Prove(ChallengeContext context)
    {
        if (Missing(context, "PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP") is { } missing)
        {
            return new SignInResult.Refused(SignInErrors.MissingParameter(missing));
        }

        var session = context.Session;
        var result = session.Srp!.Verify(context.Response("PASSWORD_CLAIM_SECRET_BLOCK")!, context.Response("TIMESTAMP")!, context.Response("PASSWORD_CLAIM_SIGNATURE")!, context.Pool.Now);
        if (result == SrpProofResult.MalformedTimestamp)
        {
            return new SignInResult.Refused(SignInErrors.SrpTimestampMalformed);
        }

        session.Used = true;

        // A password set since the challenge began makes the proof one of the old password.
        if (result != SrpProofResult.Verified || !ReferenceEquals(context.User.Password, session.Verifier))
        {
            return new SignInResult.Refused(SignInErrors.IncorrectUsernameOrPassword);
        }

        return SignInSteps.FirstFactorRefusal(context.User) is { } refusal ? new SignInResult.Refused(refusal) : null;
    }

    private static string? Missing(ChallengeContext context, params string[] names) => names.FirstOrDefault(name => context.Response(name) is null);
}

namespace CognitoAuth.Emulator.SignIn.Challenges;

/// <summary>
/// One challenge the engine can ask: its name and how its answer is checked. A new challenge (custom auth, an e-mailed or
/// texted code, a device) is one class and one line in <see cref="SignInEngine"/>. The answer may call out before deciding
/// (outside the lock); the decision itself goes through <see cref="ChallengeContext.Decide"/>.
/// </summary>
internal interface IChallenge
{
    string Name { get; }

    Task<SignInResult> AnswerAsync(ChallengeContext context, CancellationToken cancellationToken);
}

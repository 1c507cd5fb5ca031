namespace CognitoAuth.Client;

/// <summary>
/// Answers a Cognito challenge the client cannot answer from its options alone — an SMS or e-mail code, a custom challenge —
/// typically by asking a person. Register one in DI (<c>services.AddSingleton&lt;ICognitoChallengeHandler, MyHandler&gt;()</c>);
/// the sign-in asks each registered handler in turn. Without one, such a challenge fails with
/// <see cref="CognitoAuthenticationException"/> naming it. The client adds <c>USERNAME</c> and <c>SECRET_HASH</c> itself.
/// </summary>
public interface ICognitoChallengeHandler
{
    /// <summary>The challenge responses (e.g. <c>SMS_MFA_CODE</c>), or <see langword="null"/> when this handler does not answer this challenge.</summary>
    /// <param name="challenge">The challenge and its parameters (e.g. <c>CODE_DELIVERY_DESTINATION</c>).</param>
    /// <param name="cancellationToken">Cancels the wait for an answer (the challenge's session lasts three minutes).</param>
    /// <returns>The responses to send, or <see langword="null"/>.</returns>
    ValueTask<IReadOnlyDictionary<string, string>?> AnswerAsync(CognitoChallenge challenge, CancellationToken cancellationToken);
}

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// Answers one Cognito challenge (<c>NEW_PASSWORD_REQUIRED</c>, …) from the client's options. The driver adds
/// <c>USERNAME</c> and <c>SECRET_HASH</c>; a responder adds what its challenge asks for. A new challenge is one class and
/// one registration.
/// </summary>
internal interface IChallengeResponder
{
    /// <summary>The challenge this responder answers (botocore's <c>ChallengeNameType</c>).</summary>
    string ChallengeName { get; }

    /// <summary>Adds the answer to <paramref name="challenge"/> to <paramref name="responses"/>; throws <see cref="CognitoAuthenticationException"/> when the options cannot answer it.</summary>
    ValueTask AnswerAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken);
}

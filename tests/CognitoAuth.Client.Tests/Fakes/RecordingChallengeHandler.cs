using System.Collections.Concurrent;

namespace CognitoAuth.Client.Tests.Fakes;

/// <summary>An app's <see cref="ICognitoChallengeHandler"/> whose answers a test scripts; it keeps every challenge it was asked.</summary>
internal sealed class RecordingChallengeHandler(Func<CognitoChallenge, IReadOnlyDictionary<string, string>?> answer) : ICognitoChallengeHandler
{
    public ConcurrentQueue<CognitoChallenge> Asked { get; } = new();

    public IEnumerable<string> AskedNames => Asked.Select(c => c.ChallengeName);

    public ValueTask<IReadOnlyDictionary<string, string>?> AnswerAsync(CognitoChallenge challenge, CancellationToken cancellationToken)
    {
        Asked.Enqueue(challenge);
        return ValueTask.FromResult(answer(challenge));
    }

    /// <summary>Answers <paramref name="challengeName"/> with <paramref name="key"/> = what <paramref name="value"/> makes of it; nothing else.</summary>
    public static RecordingChallengeHandler For(string challengeName, string key, Func<CognitoChallenge, string> value) =>
        new(challenge => challenge.ChallengeName == challengeName ? new Dictionary<string, string> { [key] = value(challenge) } : null);
}

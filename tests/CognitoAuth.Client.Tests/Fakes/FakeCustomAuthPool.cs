namespace CognitoAuth.Client.Tests.Fakes;

/// <summary>One entry of a custom sign-in's <c>session[]</c>, as Cognito hands it to the define trigger.</summary>
internal sealed record ChallengeResult(string ChallengeName, bool Passed, string? ChallengeMetadata = null);

/// <summary>What the define trigger answers: the next challenge, or tokens, or failure.</summary>
internal sealed record DefineAnswer(string? ChallengeName = null, bool IssueTokens = false, bool FailAuthentication = false);

/// <summary>
/// A pool's define/create/verify auth-challenge triggers for <see cref="FakeCognito"/>'s <c>CUSTOM_AUTH</c>, by default
/// AWS's documented pattern: <c>SRP_A</c> first when the client asks for it, then one <c>CUSTOM_CHALLENGE</c> per question
/// (public parameter <c>question</c>, private <c>answer</c>), tokens when all were answered right, failure at the first wrong
/// answer. Tests replace any of the three.
/// </summary>
internal sealed class FakeCustomAuthPool
{
    public List<(string Question, string Answer)> Questions { get; } = [("What is 2 + 3?", "5")];

    /// <summary>Every <c>session[]</c> the define trigger was called with, in order.</summary>
    public List<IReadOnlyList<ChallengeResult>> DefineCalls { get; } = [];

    public Func<IReadOnlyList<ChallengeResult>, DefineAnswer> Define { get; set; }

    /// <summary>The public and private challenge parameters of the custom challenge after <c>session[]</c>.</summary>
    public Func<IReadOnlyList<ChallengeResult>, (Dictionary<string, string> Public, Dictionary<string, string> Private)> Create { get; set; }

    public Func<string?, IReadOnlyDictionary<string, string>, bool> Verify { get; set; } =
        static (answer, privateParameters) => answer == privateParameters.GetValueOrDefault("answer");

    public FakeCustomAuthPool()
    {
        Define = session =>
        {
            if (session.Count == 1 && session[0].ChallengeName == "SRP_A")
            {
                return new DefineAnswer("PASSWORD_VERIFIER");
            }

            if (session.Count > 0 && !session[^1].Passed)
            {
                return new DefineAnswer(FailAuthentication: true);
            }

            return session.Count(r => r.ChallengeName == "CUSTOM_CHALLENGE") == Questions.Count
                ? new DefineAnswer(IssueTokens: true)
                : new DefineAnswer("CUSTOM_CHALLENGE");
        };
        Create = session =>
        {
            var (question, answer) = Questions[session.Count(r => r.ChallengeName == "CUSTOM_CHALLENGE")];
            return (new() { ["question"] = question }, new() { ["answer"] = answer });
        };
    }
}

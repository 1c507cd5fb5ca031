using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Triggers.Events;

/// <summary>One step of a custom sign-in so far, as the define and create triggers see it (<c>request.session[]</c>).</summary>
/// <param name="ChallengeName"><c>SRP_A</c>, <c>PASSWORD_VERIFIER</c>, <c>CUSTOM_CHALLENGE</c>, …</param>
/// <param name="ChallengeResult">Whether the user passed it.</param>
/// <param name="ChallengeMetadata">What the create trigger attached to a custom challenge, if anything.</param>
internal sealed record ChallengeStep(string ChallengeName, bool ChallengeResult, string? ChallengeMetadata = null)
{
    public JsonObject ToJson()
    {
        var step = new JsonObject { ["challengeName"] = ChallengeName, ["challengeResult"] = ChallengeResult };
        if (ChallengeMetadata is not null)
        {
            step["challengeMetadata"] = ChallengeMetadata;
        }

        return step;
    }
}

/// <summary>
/// Define auth challenge (<c>LambdaConfig.DefineAuthChallenge</c>): at each step of <c>CUSTOM_AUTH</c>, given the session so
/// far (empty at the start, unless it began with <c>SRP_A</c>), decides the next challenge, to issue tokens, or to fail.
/// </summary>
internal static class DefineAuthChallengeTrigger
{
    public const string Name = "DefineAuthChallenge";
    public const string Authentication = "DefineAuthChallenge_Authentication";

    public static JsonObject Event(
        TriggerContext context, string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes, IReadOnlyList<ChallengeStep> session,
        IReadOnlyDictionary<string, string>? clientMetadata, bool? userNotFound) =>
        TriggerEvent.Create("1", Authentication, context, userName,
            AuthChallengeRequest(userAttributes, session, clientMetadata, userNotFound),
            new JsonObject { ["challengeName"] = null, ["issueTokens"] = false, ["failAuthentication"] = false });

    public static DefineAuthChallengeAnswer Read(JsonObject answer)
    {
        var response = TriggerEvent.Response(answer);
        return new(
            TriggerEvent.String(response, "challengeName"),
            TriggerEvent.Boolean(response, "issueTokens") ?? false,
            TriggerEvent.Boolean(response, "failAuthentication") ?? false);
    }

    internal static JsonObject AuthChallengeRequest(
        IReadOnlyList<KeyValuePair<string, string>> userAttributes, IReadOnlyList<ChallengeStep> session,
        IReadOnlyDictionary<string, string>? clientMetadata, bool? userNotFound, string? challengeName = null)
    {
        var request = new JsonObject { ["userAttributes"] = TriggerEvent.Map(userAttributes) };
        if (challengeName is not null)
        {
            request["challengeName"] = challengeName;
        }

        request["session"] = new JsonArray([.. session.Select(s => (JsonNode?)s.ToJson())]);
        request.WithClientMetadata(clientMetadata);
        if (userNotFound is { } notFound)
        {
            request["userNotFound"] = notFound;
        }

        return request;
    }
}

/// <summary>
/// What define decided. Cognito fails the sign-in when <see cref="FailAuthentication"/> is set, issues tokens when
/// <see cref="IssueTokens"/> is, and otherwise asks for <see cref="ChallengeName"/> (<c>CUSTOM_CHALLENGE</c>, or
/// <c>PASSWORD_VERIFIER</c> after <c>SRP_A</c>).
/// </summary>
internal sealed record DefineAuthChallengeAnswer(string? ChallengeName, bool IssueTokens, bool FailAuthentication)
{
    /// <summary>The answer leads somewhere: it fails, issues tokens, or names a challenge.</summary>
    public bool IsDecision => FailAuthentication || IssueTokens || !string.IsNullOrEmpty(ChallengeName);
}

/// <summary>
/// Create auth challenge (<c>LambdaConfig.CreateAuthChallenge</c>): when define asked for <c>CUSTOM_CHALLENGE</c>, makes it —
/// the public parameters go to the client (<c>ChallengeParameters</c>), the private ones to verify, the metadata into the
/// session history.
/// </summary>
internal static class CreateAuthChallengeTrigger
{
    public const string Name = "CreateAuthChallenge";
    public const string Authentication = "CreateAuthChallenge_Authentication";

    public static JsonObject Event(
        TriggerContext context, string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes, string challengeName,
        IReadOnlyList<ChallengeStep> session, IReadOnlyDictionary<string, string>? clientMetadata, bool? userNotFound) =>
        TriggerEvent.Create("1", Authentication, context, userName,
            DefineAuthChallengeTrigger.AuthChallengeRequest(userAttributes, session, clientMetadata, userNotFound, challengeName),
            new JsonObject { ["publicChallengeParameters"] = null, ["privateChallengeParameters"] = null, ["challengeMetadata"] = null });

    public static CreateAuthChallengeAnswer Read(JsonObject answer)
    {
        var response = TriggerEvent.Response(answer);
        return new(
            TriggerEvent.StringMap(response, "publicChallengeParameters") ?? new Dictionary<string, string>(),
            TriggerEvent.StringMap(response, "privateChallengeParameters") ?? new Dictionary<string, string>(),
            TriggerEvent.String(response, "challengeMetadata"));
    }
}

/// <summary>The challenge create made.</summary>
internal sealed record CreateAuthChallengeAnswer(
    IReadOnlyDictionary<string, string> PublicChallengeParameters,
    IReadOnlyDictionary<string, string> PrivateChallengeParameters,
    string? ChallengeMetadata)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"CreateAuthChallengeAnswer {{ Public = {string.Join(", ", PublicChallengeParameters.Keys)}, Private = ***, ChallengeMetadata = {ChallengeMetadata} }}";
}

/// <summary>
/// Verify auth challenge response (<c>LambdaConfig.VerifyAuthChallengeResponse</c>): checks the client's <c>ANSWER</c>
/// against the private parameters create made.
/// </summary>
internal static class VerifyAuthChallengeResponseTrigger
{
    public const string Name = "VerifyAuthChallengeResponse";
    public const string Authentication = "VerifyAuthChallengeResponse_Authentication";

    public static JsonObject Event(
        TriggerContext context, string userName, IReadOnlyList<KeyValuePair<string, string>> userAttributes,
        IReadOnlyDictionary<string, string> privateChallengeParameters, string challengeAnswer,
        IReadOnlyDictionary<string, string>? clientMetadata, bool? userNotFound)
    {
        var request = new JsonObject
        {
            ["userAttributes"] = TriggerEvent.Map(userAttributes),
            ["privateChallengeParameters"] = TriggerEvent.Map(privateChallengeParameters),
            ["challengeAnswer"] = challengeAnswer,
        }.WithClientMetadata(clientMetadata);
        if (userNotFound is { } notFound)
        {
            request["userNotFound"] = notFound;
        }

        return TriggerEvent.Create("1", Authentication, context, userName, request, new JsonObject { ["answerCorrect"] = false });
    }

    /// <summary>Whether the answer was right; an answer that does not say is wrong.</summary>
    public static bool Read(JsonObject answer) => TriggerEvent.Boolean(TriggerEvent.Response(answer), "answerCorrect") ?? false;
}

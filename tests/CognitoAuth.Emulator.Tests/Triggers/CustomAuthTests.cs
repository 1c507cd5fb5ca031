using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>
/// <c>CUSTOM_AUTH</c> through the JSON API, with the pool's define/create/verify trio registered as delegates: the trio
/// decides, the session history (<c>request.session[]</c>) grows as Cognito grows it, and the answers are Cognito's —
/// tokens, the next <c>CUSTOM_CHALLENGE</c> under a new session, "Incorrect username or password." when define fails the
/// sign-in, the trigger errors when a function fails.
/// </summary>
public sealed class CustomAuthTests
{
    private const string Define = "arn:aws:lambda:us-east-1:123456789012:function:define";
    private const string Create = "arn:aws:lambda:us-east-1:123456789012:function:create";
    private const string Verify = "arn:aws:lambda:us-east-1:123456789012:function:verify";
    private static readonly object TrioConfig = new { DefineAuthChallenge = Define, CreateAuthChallenge = Create, VerifyAuthChallengeResponse = Verify };

    [Fact]
    public async Task OneRound_RightAnswer_TokensAndEachFunctionSawWhatCognitoSends()
    {
        var trio = new Trio();
        await using var emulator = await StartAsync(trio);
        using var client = new CognitoTestClient(emulator);
        var pool = await CustomPoolAsync(client);

        var challenge = await StartAsync(pool, "alice", new Dictionary<string, string> { ["channel"] = "sms" });
        challenge.AssertOk();
        Assert.Equal("CUSTOM_CHALLENGE", challenge.Get("ChallengeName"));
        var parameters = CognitoTestClient.Parameters(challenge);
        Assert.Equal("1+1?", parameters["question"]);
        Assert.Equal("alice", parameters["USERNAME"]);
        Assert.DoesNotContain("answer", parameters.Keys);

        var signedIn = await AnswerAsync(pool, challenge, "2", new Dictionary<string, string> { ["channel"] = "sms" });

        signedIn.AssertOk();
        Assert.Equal("alice", TestPool.Claims(signedIn.Get("AuthenticationResult", "AccessToken")).GetProperty("username").GetString());
        Assert.False(string.IsNullOrEmpty(signedIn.Get("AuthenticationResult", "RefreshToken")));
        Assert.Equal(["DefineAuthChallenge_Authentication", "CreateAuthChallenge_Authentication", "VerifyAuthChallengeResponse_Authentication", "DefineAuthChallenge_Authentication"],
            trio.Sources);
        var (firstDefine, create, verify, lastDefine) = (trio.Events[0], trio.Events[1], trio.Events[2], trio.Events[3]);
        Assert.Empty(firstDefine["request"]!["session"]!.AsArray());
        Assert.Equal("alice@example.com", firstDefine["request"]!["userAttributes"]!["email"]!.GetValue<string>());
        Assert.Equal("CUSTOM_CHALLENGE", create["request"]!["challengeName"]!.GetValue<string>());
        Assert.Equal("2", verify["request"]!["privateChallengeParameters"]!["answer"]!.GetValue<string>());
        Assert.Equal("2", verify["request"]!["challengeAnswer"]!.GetValue<string>());
        var step = Assert.Single(lastDefine["request"]!["session"]!.AsArray())!;
        Assert.Equal("CUSTOM_CHALLENGE", step["challengeName"]!.GetValue<string>());
        Assert.True(step["challengeResult"]!.GetValue<bool>());
        Assert.Equal("Q1", step["challengeMetadata"]!.GetValue<string>());
        Assert.All(trio.Events, e =>
        {
            Assert.Equal("alice", e["userName"]!.GetValue<string>());
            Assert.Equal(pool.ClientId, e["callerContext"]!["clientId"]!.GetValue<string>());
            Assert.Equal("sms", e["request"]!["clientMetadata"]!["channel"]!.GetValue<string>());
            Assert.False(e["request"]!["userNotFound"]!.GetValue<bool>());
        });
    }

    [Fact]
    public async Task ThreeRounds_EachRightAnswerGetsTheNextChallengeUnderANewSession_ThenTokens()
    {
        var trio = new Trio { Rounds = 3 };
        await using var emulator = await StartAsync(trio);
        using var client = new CognitoTestClient(emulator);
        var pool = await CustomPoolAsync(client);

        var step = await StartAsync(pool, "alice");
        List<string> questions = [];
        List<string> sessions = [];
        while (step.Json.TryGetProperty("ChallengeName", out _))
        {
            step.AssertOk();
            var question = CognitoTestClient.Parameters(step)["question"];
            questions.Add(question);
            sessions.Add(step.Get("Session"));
            step = await AnswerAsync(pool, step, Trio.RightAnswer(question));
        }

        step.AssertOk();
        Assert.Equal(["1+1?", "2+2?", "3+3?"], questions);
        Assert.Equal(3, sessions.Distinct().Count());
        Assert.Equal([0, 1, 2, 3], trio.Of("DefineAuthChallenge_Authentication").Select(e => e["request"]!["session"]!.AsArray().Count));
        Assert.Equal(["Q1", "Q2", "Q3"], trio.Of("DefineAuthChallenge_Authentication")[^1]["request"]!["session"]!.AsArray().Select(s => s!["challengeMetadata"]!.GetValue<string>()));
    }

    [Fact]
    public async Task WrongAnswerThenRight_DefineAsksAgain_TheAnsweredSessionIsSpent_TheNewOneSignsIn()
    {
        var trio = new Trio();
        await using var emulator = await StartAsync(trio);
        using var client = new CognitoTestClient(emulator);
        var pool = await CustomPoolAsync(client);

        var first = await StartAsync(pool, "alice");
        var again = await AnswerAsync(pool, first, "41");
        again.AssertOk();
        Assert.Equal("CUSTOM_CHALLENGE", again.Get("ChallengeName"));
        Assert.NotEqual(first.Get("Session"), again.Get("Session"));

        var replayed = await AnswerAsync(pool, first, "2");
        replayed.AssertError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");

        var signedIn = await AnswerAsync(pool, again, Trio.RightAnswer(CognitoTestClient.Parameters(again)["question"]));
        signedIn.AssertOk();
        var history = trio.Of("DefineAuthChallenge_Authentication")[^1]["request"]!["session"]!.AsArray();
        Assert.Equal([false, true], history.Select(s => s!["challengeResult"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task ThreeWrongAnswers_DefineFailsTheSignIn_IncorrectUsernameOrPassword()
    {
        var trio = new Trio();
        await using var emulator = await StartAsync(trio);
        using var client = new CognitoTestClient(emulator);
        var pool = await CustomPoolAsync(client);

        var step = await StartAsync(pool, "alice");
        step = await AnswerAsync(pool, step, "wrong");
        step = await AnswerAsync(pool, step, "wrong");
        var third = await AnswerAsync(pool, step, "wrong");

        third.AssertError("NotAuthorizedException", "Incorrect username or password.");
        Assert.Equal(3, trio.Of("CreateAuthChallenge_Authentication").Count); // no fourth challenge
        var spent = await AnswerAsync(pool, step, "2");
        spent.AssertError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
    }

    [Fact]
    public async Task SrpAFirst_PasswordVerifierThenTheCustomChallenge_SessionRecordsSrpAThenPasswordVerifier()
    {
        var trio = new Trio();
        await using var emulator = await StartAsync(trio);
        using var client = new CognitoTestClient(emulator);
        var pool = await CustomPoolAsync(client);
        var srp = new TestSrpClient(pool.PoolId);

        var verifier = await client.CallAsync("InitiateAuth", new
        {
            pool.ClientId,
            AuthFlow = "CUSTOM_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "alice", ["CHALLENGE_NAME"] = "SRP_A", ["SRP_A"] = srp.SrpA },
        });
        verifier.AssertOk();
        Assert.Equal("PASSWORD_VERIFIER", verifier.Get("ChallengeName"));
        var firstDefine = Assert.Single(trio.Events);
        Assert.Equal([("SRP_A", true)], Steps(firstDefine));

        var custom = await client.RespondAsync("PASSWORD_VERIFIER", verifier.Get("Session"),
            srp.Answer(CognitoTestClient.Parameters(verifier), TestPool.Password, DateTimeOffset.UtcNow), pool.ClientId);
        custom.AssertOk();
        Assert.Equal("CUSTOM_CHALLENGE", custom.Get("ChallengeName"));
        Assert.Equal([("SRP_A", true), ("PASSWORD_VERIFIER", true)], Steps(trio.Of("CreateAuthChallenge_Authentication").Single()));

        var signedIn = await AnswerAsync(pool, custom, "2");
        signedIn.AssertOk();
        Assert.Equal([("SRP_A", true), ("PASSWORD_VERIFIER", true), ("CUSTOM_CHALLENGE", true)], Steps(trio.Of("DefineAuthChallenge_Authentication")[^1]));
    }

    [Fact]
    public async Task SrpAFirst_WrongPassword_RefusedBeforeAnyCustomChallenge()
    {
        var trio = new Trio();
        await using var emulator = await StartAsync(trio);
        using var client = new CognitoTestClient(emulator);
        var pool = await CustomPoolAsync(client);
        var srp = new TestSrpClient(pool.PoolId);
        var verifier = await client.CallAsync("InitiateAuth", new
        {
            pool.ClientId,
            AuthFlow = "CUSTOM_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "alice", ["CHALLENGE_NAME"] = "SRP_A", ["SRP_A"] = srp.SrpA },
        });

        var refused = await client.RespondAsync("PASSWORD_VERIFIER", verifier.Get("Session"),
            srp.Answer(CognitoTestClient.Parameters(verifier), "Wrong-Passw0rd!", DateTimeOffset.UtcNow), pool.ClientId);

        refused.AssertError("NotAuthorizedException", "Incorrect username or password.");
        Assert.Empty(trio.Of("CreateAuthChallenge_Authentication"));
    }

    [Fact]
    public async Task PoolWithoutDefineAuthChallenge_Refused_AsCognitoRefusesIt()
    {
        await using var emulator = await StartAsync(new Trio());
        using var client = new CognitoTestClient(emulator);
        var pool = await CustomPoolAsync(client, lambdaConfig: new { CreateAuthChallenge = Create, VerifyAuthChallengeResponse = Verify });

        var refused = await StartAsync(pool, "alice");

        refused.AssertError("InvalidParameterException", "Custom auth lambda trigger is not configured for the user pool.");
    }

    [Fact]
    public async Task ClientWithoutCustomAuth_Refused()
    {
        await using var emulator = await StartAsync(new Trio());
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: TrioConfig); // its client allows password and refresh flows only
        await pool.SignUpConfirmedAsync("alice", "alice@example.com");

        var refused = await StartAsync(pool, "alice");

        refused.AssertError("InvalidParameterException");
    }

    [Fact]
    public async Task CreateThrows_UserLambdaValidationException_NoChallengeOpened()
    {
        var trio = new Trio { CreateFails = true };
        await using var emulator = await StartAsync(trio);
        using var client = new CognitoTestClient(emulator);
        var pool = await CustomPoolAsync(client);

        var refused = await StartAsync(pool, "alice");

        refused.AssertError("UserLambdaValidationException", "CreateAuthChallenge failed with error question bank offline.");
        Assert.Equal(["DefineAuthChallenge_Authentication", "CreateAuthChallenge_Authentication"], trio.Sources);

        // The emulator keeps serving: the same sign-in succeeds once the function does.
        trio.CreateFails = false;
        var challenge = await StartAsync(pool, "alice");
        (await AnswerAsync(pool, challenge, "2")).AssertOk();
    }

    [Fact]
    public async Task UnknownUser_ClientHidesIt_TheTrioRunsWithUserNotFound_TheAnswerNeverSignsIn()
    {
        var trio = new Trio();
        await using var emulator = await StartAsync(trio);
        using var client = new CognitoTestClient(emulator);
        var pool = await CustomPoolAsync(client);

        var challenge = await StartAsync(pool, "nobody");
        challenge.AssertOk();
        Assert.Equal("CUSTOM_CHALLENGE", challenge.Get("ChallengeName"));
        Assert.All(trio.Events, e => Assert.True(e["request"]!["userNotFound"]!.GetValue<bool>()));

        var refused = await AnswerAsync(pool, challenge, "2", username: "nobody");
        refused.AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task PreAndPostAuthenticationAndPreTokenGeneration_FireAroundTheTrio_InCognitosOrder()
    {
        var trio = new Trio();
        await using var emulator = await StartAsync(trio, also: ["pre-auth", "post-auth", "pre-token"]);
        using var client = new CognitoTestClient(emulator);
        var pool = await CustomPoolAsync(client, lambdaConfig: new
        {
            DefineAuthChallenge = Define,
            CreateAuthChallenge = Create,
            VerifyAuthChallengeResponse = Verify,
            PreAuthentication = "arn:aws:lambda:us-east-1:123456789012:function:pre-auth",
            PostAuthentication = "arn:aws:lambda:us-east-1:123456789012:function:post-auth",
            PreTokenGeneration = "arn:aws:lambda:us-east-1:123456789012:function:pre-token",
        });

        var challenge = await StartAsync(pool, "alice");
        (await AnswerAsync(pool, challenge, "2")).AssertOk();

        Assert.Equal(
        [
            "PreAuthentication_Authentication", "DefineAuthChallenge_Authentication", "CreateAuthChallenge_Authentication",
            "VerifyAuthChallengeResponse_Authentication", "DefineAuthChallenge_Authentication", "PostAuthentication_Authentication", "TokenGeneration_Authentication",
        ], trio.Sources);
    }

    [Fact]
    public async Task SessionOlderThanItsLifetime_TheAnswerIsRefused_TheTrioIsNotAsked()
    {
        var trio = new Trio();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartAsync(trio, clock: clock);
        using var client = new CognitoTestClient(emulator);
        var pool = await CustomPoolAsync(client);
        var challenge = await StartAsync(pool, "alice");

        clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        var expired = await AnswerAsync(pool, challenge, "2");

        expired.AssertError("NotAuthorizedException", "Invalid session for the user, session is expired.");
        Assert.Empty(trio.Of("VerifyAuthChallengeResponse_Authentication"));
    }

    [Fact]
    public async Task AdminInitiateAuth_CustomAuth_AnsweredWithAdminRespondToAuthChallenge()
    {
        var trio = new Trio();
        await using var emulator = await StartAsync(trio);
        using var client = new CognitoTestClient(emulator);
        var pool = await CustomPoolAsync(client);

        var challenge = await client.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = pool.PoolId,
            pool.ClientId,
            AuthFlow = "CUSTOM_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "alice" },
        });
        challenge.AssertOk();
        Assert.Equal("CUSTOM_CHALLENGE", challenge.Get("ChallengeName"));
        var signedIn = await client.CallAsync("AdminRespondToAuthChallenge", new
        {
            UserPoolId = pool.PoolId,
            pool.ClientId,
            ChallengeName = "CUSTOM_CHALLENGE",
            Session = challenge.Get("Session"),
            ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "alice", ["ANSWER"] = "2" },
        });

        signedIn.AssertOk();
        Assert.Equal("alice", TestPool.Claims(signedIn.Get("AuthenticationResult", "AccessToken")).GetProperty("username").GetString());
    }

    private static List<(string, bool)> Steps(JsonObject evt) =>
        [.. evt["request"]!["session"]!.AsArray().Select(s => (s!["challengeName"]!.GetValue<string>(), s["challengeResult"]!.GetValue<bool>()))];

    private static Task<CognitoResponse> StartAsync(TestPool pool, string username, Dictionary<string, string>? clientMetadata = null) =>
        pool.CallAsync("InitiateAuth", new
        {
            pool.ClientId,
            AuthFlow = "CUSTOM_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username },
            ClientMetadata = clientMetadata,
        });

    private static Task<CognitoResponse> AnswerAsync(TestPool pool, CognitoResponse challenge, string answer, Dictionary<string, string>? clientMetadata = null, string username = "alice") =>
        pool.CallAsync("RespondToAuthChallenge", new
        {
            pool.ClientId,
            ChallengeName = "CUSTOM_CHALLENGE",
            Session = challenge.Get("Session"),
            ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = username, ["ANSWER"] = answer },
            ClientMetadata = clientMetadata,
        });

    /// <summary>A pool with the trio (or <paramref name="lambdaConfig"/>), the user alice, and an app client that allows custom auth and SRP and hides unknown users.</summary>
    private static async Task<TestPool> CustomPoolAsync(CognitoTestClient client, object? lambdaConfig = null)
    {
        var pool = await TestPool.CreateAsync(client, lambdaConfig: lambdaConfig ?? TrioConfig);
        await pool.SignUpConfirmedAsync("alice", "alice@example.com");
        var custom = await client.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = pool.PoolId,
            ClientName = "custom-auth",
            ExplicitAuthFlows = new[] { "ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
            PreventUserExistenceErrors = "ENABLED",
        });
        custom.AssertOk();
        return pool with { ClientId = custom.Get("UserPoolClient", "ClientId") };
    }

    private static Task<CognitoEmulator> StartAsync(Trio trio, string[]? also = null, TimeProvider? clock = null)
    {
        var options = new CognitoEmulatorOptions { TimeProvider = clock ?? TimeProvider.System };
        options.LambdaFunctions["define"] = (evt, _) => Task.FromResult<JsonNode?>(trio.Record(evt, trio.Define));
        options.LambdaFunctions["create"] = (evt, _) => Task.FromResult<JsonNode?>(trio.Record(evt, trio.Create));
        options.LambdaFunctions["verify"] = (evt, _) => Task.FromResult<JsonNode?>(trio.Record(evt, trio.Verify));
        foreach (var name in also ?? [])
        {
            options.LambdaFunctions[name] = (evt, _) => Task.FromResult<JsonNode?>(trio.Record(evt, e => e));
        }

        return CognitoEmulator.StartAsync(options);
    }

    /// <summary>
    /// Define, create and verify as AWS's samples write them: questions "n+n?" with the answer in the private parameters
    /// and "Qn" as metadata; tokens after <see cref="Rounds"/> right answers, failure after three wrong ones; SRP first when
    /// the session begins with <c>SRP_A</c>. Every event any function gets is recorded, in order.
    /// </summary>
    private sealed class Trio
    {
        private readonly ConcurrentQueue<JsonObject> _events = new();

        public int Rounds { get; init; } = 1;

        public bool CreateFails { get; set; }

        public IReadOnlyList<JsonObject> Events => [.. _events];

        public IReadOnlyList<string> Sources => [.. _events.Select(e => e["triggerSource"]!.GetValue<string>())];

        public static string RightAnswer(string question) => (int.Parse(question.Split('+')[0], System.Globalization.CultureInfo.InvariantCulture) * 2).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public IReadOnlyList<JsonObject> Of(string source) => [.. Events.Where(e => e["triggerSource"]!.GetValue<string>() == source)];

        public JsonObject Record(JsonObject evt, Func<JsonObject, JsonObject> function)
        {
            _events.Enqueue((JsonObject)evt.DeepClone());
            return function(evt);
        }

        public JsonObject Define(JsonObject evt)
        {
            var session = evt["request"]!["session"]!.AsArray().Select(s => (Name: s!["challengeName"]!.GetValue<string>(), Result: s["challengeResult"]!.GetValue<bool>())).ToList();
            var response = evt["response"]!;
            if (session is [("SRP_A", true)])
            {
                response["challengeName"] = "PASSWORD_VERIFIER";
            }
            else if (session.Count(s => s is ("CUSTOM_CHALLENGE", true)) >= Rounds)
            {
                response["issueTokens"] = true;
            }
            else if (session.Count(s => s is ("CUSTOM_CHALLENGE", false)) >= 3 || session.Any(s => s is ("PASSWORD_VERIFIER", false)))
            {
                response["failAuthentication"] = true;
            }
            else
            {
                response["challengeName"] = "CUSTOM_CHALLENGE";
            }

            return evt;
        }

        public JsonObject Create(JsonObject evt)
        {
            if (CreateFails)
            {
                throw new InvalidOperationException("question bank offline");
            }

            var n = evt["request"]!["session"]!.AsArray().Count(s => s!["challengeName"]!.GetValue<string>() == "CUSTOM_CHALLENGE" && s["challengeResult"]!.GetValue<bool>()) + 1;
            evt["response"] = new JsonObject
            {
                ["publicChallengeParameters"] = new JsonObject { ["question"] = $"{n}+{n}?" },
                ["privateChallengeParameters"] = new JsonObject { ["answer"] = $"{n * 2}" },
                ["challengeMetadata"] = $"Q{n}",
            };
            return evt;
        }

        public JsonObject Verify(JsonObject evt)
        {
            evt["response"]!["answerCorrect"] = evt["request"]!["challengeAnswer"]!.GetValue<string>() == evt["request"]!["privateChallengeParameters"]!["answer"]!.GetValue<string>();
            return evt;
        }
    }
}

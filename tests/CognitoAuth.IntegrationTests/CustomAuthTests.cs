using System.Globalization;
using System.Text.Json.Nodes;
using CognitoAuth.Client;
using CognitoAuth.Emulator;
using CognitoAuth.IntegrationTests.Infrastructure;
using CognitoAuth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The client's <c>CustomAuth</c> flow against the emulator's <c>CUSTOM_AUTH</c>, each side written apart: the pool's
/// define/create/verify trio (registered in-process, configured on the pool with the AWS CLI as a team would) asks two
/// arithmetic questions; the app's <see cref="ICognitoChallengeHandler"/> answers them; the token reaches the API. With
/// <c>CustomAuthWithSrp</c> the password is proven by SRP first, and define sees <c>SRP_A</c> then <c>PASSWORD_VERIFIER</c>.
/// </summary>
public sealed class CustomAuthTests
{
    private const string Email = "carol@example.com";
    private const string Password = "Custom-Pass-123!";
    private static readonly Uri Hello = new("hello", UriKind.Relative);

    [Fact]
    public async Task CustomAuth_TwoQuestionsAnsweredByTheHandler_TheTokenReachesTheApi()
    {
        var trio = new Trio();
        await using var emulator = await StartAsync(trio);
        var handler = new ArithmeticHandler();
        await using var client = await ClientHost.StartAsync(emulator, o =>
        {
            o.AuthFlow = CognitoAuthFlow.CustomAuth;
            o.ClientId = emulator.AdditionalClients[0].ClientId;
            o.Username = Email;
            o.Password = null;
            o.NewPassword = null;
        }, services: s => s.AddSingleton<ICognitoChallengeHandler>(handler));

        Assert.Equal("Hello from a protected API!", await client.Http.GetStringAsync(Hello));

        Assert.Equal(["1+1?", "2+2?"], handler.Questions);
        Assert.Equal([0, 1, 2], trio.DefineSessions.Select(s => s.Count));
        Assert.Equal(1, emulator.CognitoRequests["InitiateAuth"]);
        Assert.Equal(2, emulator.CognitoRequests["RespondToAuthChallenge"]);
    }

    [Fact]
    public async Task CustomAuthWithSrp_PasswordProvenBySrpThenTheQuestions_DefineSawSrpAThenPasswordVerifier()
    {
        var trio = new Trio();
        await using var emulator = await StartAsync(trio);
        var handler = new ArithmeticHandler();
        await using var client = await ClientHost.StartAsync(emulator, o =>
        {
            o.AuthFlow = CognitoAuthFlow.CustomAuth;
            o.CustomAuthWithSrp = true;
            o.ClientId = emulator.AdditionalClients[0].ClientId;
            o.Username = Email;
            o.Password = Password;
            o.NewPassword = null;
        }, services: s => s.AddSingleton<ICognitoChallengeHandler>(handler));

        Assert.Equal("Hello from a protected API!", await client.Http.GetStringAsync(Hello));

        Assert.Equal(["1+1?", "2+2?"], handler.Questions);
        Assert.Equal(["SRP_A", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE", "CUSTOM_CHALLENGE"], trio.DefineSessions[^1]);
        Assert.Equal(3, emulator.CognitoRequests["RespondToAuthChallenge"]); // PASSWORD_VERIFIER, two answers
    }

    /// <summary>The emulator with the trio in-process, a user, an app client that allows custom auth, and the pool's LambdaConfig set with the AWS CLI.</summary>
    private static async Task<CognitoEmulator> StartAsync(Trio trio)
    {
        var options = new CognitoEmulatorOptions();
        options.LambdaFunctions["define"] = (evt, _) => Task.FromResult<JsonNode?>(trio.Define(evt));
        options.LambdaFunctions["create"] = (evt, _) => Task.FromResult<JsonNode?>(Trio.Create(evt));
        options.LambdaFunctions["verify"] = (evt, _) => Task.FromResult<JsonNode?>(Trio.Verify(evt));
        var custom = new EmulatorClientOptions { Name = "custom-auth", AcceptedByApi = true };
        custom.ExplicitAuthFlows.Add("ALLOW_CUSTOM_AUTH");
        options.AdditionalClients.Add(custom);
        var emulator = await CognitoEmulator.StartAsync(options);
        emulator.CreateUser(Email, Password, permanent: true);

        var arn = $"arn:aws:lambda:{emulator.Region}:123456789012:function:";
        var empty = Path.GetTempFileName();
        try
        {
            var cli = await ProcessRunner.RunAsync("/usr/bin/aws",
                [
                    "cognito-idp", "update-user-pool", "--user-pool-id", emulator.UserPoolId,
                    "--lambda-config", $"DefineAuthChallenge={arn}define,CreateAuthChallenge={arn}create,VerifyAuthChallengeResponse={arn}verify",
                    "--endpoint-url", emulator.CognitoEndpoint.AbsoluteUri, "--region", emulator.Region,
                ],
                RepositoryRoot.Path,
                new Dictionary<string, string?>
                {
                    ["AWS_ACCESS_KEY_ID"] = emulator.Credentials.AccessKeyId,
                    ["AWS_SECRET_ACCESS_KEY"] = emulator.Credentials.SecretAccessKey,
                    ["AWS_SESSION_TOKEN"] = null,
                    ["AWS_PROFILE"] = null,
                    ["AWS_CONFIG_FILE"] = empty,
                    ["AWS_SHARED_CREDENTIALS_FILE"] = empty,
                    ["AWS_PAGER"] = string.Empty,
                    ["AWS_EC2_METADATA_DISABLED"] = "true",
                },
                TimeSpan.FromMinutes(2));
            Assert.True(cli.ExitCode == 0, cli.ToString());
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
        finally
        {
            File.Delete(empty);
        }
    }

    /// <summary>Answers each "n+n?" as a person would; records the questions.</summary>
    private sealed class ArithmeticHandler : ICognitoChallengeHandler
    {
        private readonly List<string> _questions = [];

        public IReadOnlyList<string> Questions { get { lock (_questions) { return [.. _questions]; } } }

        public ValueTask<IReadOnlyDictionary<string, string>?> AnswerAsync(CognitoChallenge challenge, CancellationToken cancellationToken)
        {
            if (challenge.ChallengeName != "CUSTOM_CHALLENGE")
            {
                return ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(null);
            }

            var question = challenge.Parameters["question"];
            lock (_questions)
            {
                _questions.Add(question);
            }

            var n = int.Parse(question.Split('+')[0], CultureInfo.InvariantCulture);
            return ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(new Dictionary<string, string> { ["ANSWER"] = (2 * n).ToString(CultureInfo.InvariantCulture) });
        }
    }

    /// <summary>Two questions, SRP first when the session starts with SRP_A, as AWS's define examples write it.</summary>
    private sealed class Trio
    {
        private readonly List<IReadOnlyList<string>> _defineSessions = [];

        public IReadOnlyList<IReadOnlyList<string>> DefineSessions { get { lock (_defineSessions) { return [.. _defineSessions]; } } }

        public JsonObject Define(JsonObject evt)
        {
            var session = evt["request"]!["session"]!.AsArray().Select(s => (Name: s!["challengeName"]!.GetValue<string>(), Result: s["challengeResult"]!.GetValue<bool>())).ToList();
            lock (_defineSessions)
            {
                _defineSessions.Add([.. session.Select(s => s.Name)]);
            }

            var response = evt["response"]!;
            if (session.Any(s => !s.Result))
            {
                response["failAuthentication"] = true;
            }
            else if (session is [("SRP_A", _)])
            {
                response["challengeName"] = "PASSWORD_VERIFIER";
            }
            else if (session.Count(s => s.Name == "CUSTOM_CHALLENGE") == 2)
            {
                response["issueTokens"] = true;
            }
            else
            {
                response["challengeName"] = "CUSTOM_CHALLENGE";
            }

            return evt;
        }

        public static JsonObject Create(JsonObject evt)
        {
            var n = evt["request"]!["session"]!.AsArray().Count(s => s!["challengeName"]!.GetValue<string>() == "CUSTOM_CHALLENGE") + 1;
            evt["response"]!["publicChallengeParameters"] = new JsonObject { ["question"] = $"{n}+{n}?" };
            evt["response"]!["privateChallengeParameters"] = new JsonObject { ["answer"] = $"{2 * n}" };
            return evt;
        }

        public static JsonObject Verify(JsonObject evt)
        {
            evt["response"]!["answerCorrect"] = evt["request"]!["challengeAnswer"]!.GetValue<string>() == evt["request"]!["privateChallengeParameters"]!["answer"]!.GetValue<string>();
            return evt;
        }
    }
}

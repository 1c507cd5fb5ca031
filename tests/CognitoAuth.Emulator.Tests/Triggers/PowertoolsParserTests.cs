using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>
/// Checked against code written by others: AWS Lambda Powertools' parser (npm <c>@aws-lambda-powertools/parser</c>, pinned in
/// <c>tools/powertools</c>) validates every event the emulator sends, as received by a recording Invoke API endpoint.
/// </summary>
public sealed class PowertoolsParserTests
{
    private static readonly NodeTool Tool = new("powertools", "@aws-lambda-powertools/parser", "zod");

    /// <summary>
    /// Where Powertools' schemas and Cognito disagree, the emulator follows Cognito, and the test pins the disagreement so
    /// that a change on either side is seen: AWS's developer guide says a forgot-password migration carries no password
    /// (Powertools requires one), and a custom sign-in without SRP starts with an empty session (Powertools requires one
    /// entry; AWS's own define examples test <c>session.length === 0</c>).
    /// </summary>
    private static readonly Dictionary<string, string> KnownDisagreements = new(StringComparer.Ordinal)
    {
        ["UserMigration_ForgotPassword"] = "request.password",
        ["DefineAuthChallenge_Authentication (empty session)"] = "request.session",
    };

    [Fact]
    public async Task Parser_EveryEventTheEmulatorSends_IsValidForPowertools()
    {
        await using var server = await InvokeApiServer.StartAsync(r => new InvokeApiAnswer(200, r.Body));
        var options = new CognitoEmulatorOptions { LambdaEndpoint = server.Url };
        using var runner = LambdaRunner.Create(options);
        List<string> names = [];
        foreach (var (name, evt) in TriggerEventTests.EveryEvent().Append(("DefineAuthChallenge_Authentication (empty session)", TriggerEventTests.FirstDefine())))
        {
            names.Add(name);
            await runner.InvokeAsync(name.Split('_')[0], "arn:aws:lambda:ap-northeast-1:123456789012:function:recorder", evt);
        }

        var sent = new JsonArray([.. server.Requests.Select(r => JsonNode.Parse(r.Body))]);
        var output = await Tool.RunAsync("validate-events.mjs", sent.ToJsonString());
        var results = JsonNode.Parse(output)!.AsArray();

        Assert.Equal(names.Count, results.Count);
        List<string> failures = [];
        for (var i = 0; i < names.Count; i++)
        {
            var result = results[i]!;
            var issues = result["issues"]!.AsArray().Select(x => $"{x!["path"]}: {x["message"]}").ToList();
            var key = KnownDisagreements.ContainsKey(names[i]) ? names[i] : null;
            if (key is not null)
            {
                // Fails on that member alone, and on nothing else.
                Assert.False(result["ok"]!.GetValue<bool>(), $"{names[i]}: Powertools now accepts it; drop it from the known disagreements.");
                Assert.All(result["issues"]!.AsArray(), x => Assert.Equal(KnownDisagreements[key], x!["path"]!.GetValue<string>()));
            }
            else if (!result["ok"]!.GetValue<bool>())
            {
                failures.Add($"{names[i]} ({result["schema"]}): {string.Join("; ", issues)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(names.Count >= 30, $"only {names.Count} events were checked");
    }

    /// <summary>
    /// The events of the wired paths as the emulator sends them to <c>--lambda-endpoint</c> (a recording Invoke API that
    /// answers each event unchanged): sign-up with validation data and client metadata, resend, confirmation, sign-in, forgot
    /// password (known and unknown user), confirm forgot password, admin-created user — every one valid for Powertools.
    /// </summary>
    [Fact]
    public async Task Parser_EveryEventOfTheWiredOperations_AsSentThroughTheInvokeApi_IsValidForPowertools()
    {
        await using var server = await InvokeApiServer.StartAsync(r => new InvokeApiAnswer(200, r.Body));
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { LambdaEndpoint = server.Url });
        using var client = new CognitoTestClient(emulator);
        const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:recorder";
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new
        {
            PreSignUp = Arn, CustomMessage = Arn, PostConfirmation = Arn, PreAuthentication = Arn, PostAuthentication = Arn, UserMigration = Arn, PreTokenGeneration = Arn,
        });
        var metadata = new Dictionary<string, string> { ["app"] = "web" };
        var email = new[] { new { Name = "email", Value = "alice@example.com" } };

        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "alice", Password = TestPool.Password, UserAttributes = email, ValidationData = new[] { new { Name = "captcha", Value = "ok" } }, ClientMetadata = metadata })).AssertOk();
        (await pool.CallAsync("ResendConfirmationCode", new { pool.ClientId, Username = "alice", ClientMetadata = metadata })).AssertOk();
        (await pool.CallAsync("ConfirmSignUp", new { pool.ClientId, Username = "alice", ConfirmationCode = emulator.Inbox.LatestTo("alice@example.com")!.Code, ClientMetadata = metadata })).AssertOk();
        (await pool.SignInAsync("alice")).AssertOk();
        (await pool.CallAsync("ForgotPassword", new { pool.ClientId, Username = "alice", ClientMetadata = metadata })).AssertOk();
        (await pool.CallAsync("ConfirmForgotPassword", new { pool.ClientId, Username = "alice", ConfirmationCode = emulator.Inbox.LatestTo("alice@example.com")!.Code, Password = "N3w-Passw0rd!", ClientMetadata = metadata })).AssertOk();
        (await pool.CallAsync("ForgotPassword", new { pool.ClientId, Username = "stranger", ClientMetadata = metadata })).AssertError("UserNotFoundException");
        (await pool.SignInAsync("stranger")).AssertError("UserNotFoundException");
        (await pool.CallAsync("AdminCreateUser", new { UserPoolId = pool.PoolId, Username = "carol", UserAttributes = new[] { new { Name = "email", Value = "carol@example.com" } }, ClientMetadata = metadata })).AssertOk();

        var sent = server.Requests.Select(r => JsonNode.Parse(r.Body)!).ToList();
        var results = JsonNode.Parse(await Tool.RunAsync("validate-events.mjs", new JsonArray([.. sent]).ToJsonString()))!.AsArray();

        Assert.Equal(
            [
                "PreSignUp_SignUp", "CustomMessage_SignUp", "CustomMessage_ResendCode", "PostConfirmation_ConfirmSignUp", "PreAuthentication_Authentication",
                "PostAuthentication_Authentication", "TokenGeneration_Authentication", "CustomMessage_ForgotPassword", "PostConfirmation_ConfirmForgotPassword",
                "UserMigration_ForgotPassword", "UserMigration_Authentication", "PreSignUp_AdminCreateUser", "CustomMessage_AdminCreateUser",
            ],
            sent.Select(e => e["triggerSource"]!.GetValue<string>()));
        List<string> failures = [];
        foreach (var result in results)
        {
            var source = result!["triggerSource"]!.GetValue<string>();
            var paths = result["issues"]!.AsArray().Select(x => x!["path"]!.GetValue<string>()).ToList();
            if (KnownDisagreements.TryGetValue(source, out var known) ? paths.Any(p => p != known) : !result["ok"]!.GetValue<bool>())
            {
                failures.Add($"{source} ({result["schema"]}): {string.Join("; ", result["issues"]!.AsArray().Select(x => $"{x!["path"]}: {x["message"]}"))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.All(sent.Where(e => e["triggerSource"]!.GetValue<string>() is "PostConfirmation_ConfirmSignUp" or "CustomMessage_ForgotPassword" or "PreSignUp_AdminCreateUser"),
            e => Assert.Equal("web", e["request"]!["clientMetadata"]!["app"]!.GetValue<string>()));
        Assert.Equal("ok", sent[0]["request"]!["validationData"]!["captcha"]!.GetValue<string>());
    }
}

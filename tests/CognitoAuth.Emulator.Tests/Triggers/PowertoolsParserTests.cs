using System.Text.Json.Nodes;
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
}

using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime.Internal.Auth;
using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Signing;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Reference;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Triggers;

public sealed class LambdaRunnerTests
{
    private const string Region = "ap-northeast-1";
    private const string Account = "123456789012";

    private static string Arn(string name, string? qualifier = null) =>
        $"arn:aws:lambda:{Region}:{Account}:function:{name}{(qualifier is null ? string.Empty : ":" + qualifier)}";

    private static JsonObject Event() => new()
    {
        ["version"] = "1",
        ["triggerSource"] = "PreSignUp_SignUp",
        ["region"] = Region,
        ["userPoolId"] = Region + "_AbCdEfGhI",
        ["userName"] = "alice",
        ["callerContext"] = new JsonObject { ["awsSdkVersion"] = "aws-cli", ["clientId"] = "client" },
        ["request"] = new JsonObject { ["userAttributes"] = new JsonObject { ["email"] = "alice@example.com" } },
        ["response"] = new JsonObject { ["autoConfirmUser"] = false },
    };

    private static LambdaRunner Runner(Action<CognitoEmulatorOptions> configure)
    {
        var options = new CognitoEmulatorOptions();
        configure(options);
        return LambdaRunner.Create(options);
    }

    [Fact]
    public async Task InvokeAsync_RegisteredDelegate_GetsTheEventAndItsAnswerIsReturned()
    {
        JsonObject? seen = null;
        using var runner = Runner(o => o.LambdaFunctions["auto-confirm"] = (evt, _) =>
        {
            seen = evt;
            var answer = evt.DeepClone().AsObject();
            answer["response"]!["autoConfirmUser"] = true;
            return Task.FromResult<JsonNode?>(answer);
        });

        var answer = await runner.InvokeAsync("PreSignUp", Arn("auto-confirm"), Event());

        Assert.True(JsonNode.DeepEquals(Event(), seen));
        Assert.True(answer["response"]!["autoConfirmUser"]!.GetValue<bool>());
    }

    [Fact]
    public async Task InvokeAsync_QualifiedArn_FindsTheFunctionByName()
    {
        using var runner = Runner(o => o.LambdaFunctions["f"] = (evt, _) => Task.FromResult<JsonNode?>(evt));

        var answer = await runner.InvokeAsync("PreSignUp", Arn("f", "live"), Event());

        Assert.Equal("alice", answer["userName"]!.GetValue<string>());
    }

    [Fact]
    public async Task InvokeAsync_FunctionThrows_IsUserLambdaValidationWithItsMessage()
    {
        using var runner = Runner(o => o.LambdaFunctions["deny"] = (_, _) => throw new InvalidOperationException("Email domain not allowed"));

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => runner.InvokeAsync("PreSignUp", Arn("deny"), Event()));

        Assert.Equal("UserLambdaValidationException", error.Code);
        Assert.Equal("PreSignUp failed with error Email domain not allowed.", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"done\"")]
    [InlineData("[1]")]
    public async Task InvokeAsync_AnswerNotAnObject_IsUnrecognizable(string answer)
    {
        using var runner = Runner(o => o.LambdaFunctions["odd"] = (_, _) => Task.FromResult(JsonNode.Parse(answer)));

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => runner.InvokeAsync("PreSignUp", Arn("odd"), Event()));

        Assert.Equal("InvalidLambdaResponseException", error.Code);
        Assert.Equal("Unrecognizable lambda output", error.Message);
    }

    [Fact]
    public async Task InvokeAsync_AnswerNotJson_IsInvalidJson()
    {
        await using var server = await InvokeApiServer.StartAsync(_ => new InvokeApiAnswer(200, "ok, done"u8.ToArray()));
        using var runner = Runner(o => o.LambdaEndpoint = server.Url);

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => runner.InvokeAsync("PostConfirmation", Arn("remote"), Event()));

        Assert.Equal("InvalidLambdaResponseException", error.Code);
        Assert.Equal("Invalid lambda function output : Invalid JSON", error.Message);
    }

    [Fact]
    public async Task InvokeAsync_NoSuchFunctionAndNoEndpoint_IsUnexpectedLambdaAccessDenied()
    {
        using var runner = Runner(_ => { });

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => runner.InvokeAsync("PreSignUp", Arn("missing"), Event()));

        Assert.Equal("UnexpectedLambdaException", error.Code);
        Assert.Equal("PreSignUp invocation failed due to error AccessDeniedException.", error.Message);
        Assert.False(runner.CanInvoke(Arn("missing")));
    }

    [Fact]
    public async Task InvokeAsync_NotALambdaArn_IsUnexpectedLambda()
    {
        using var runner = Runner(o => o.LambdaFunctions["f"] = (evt, _) => Task.FromResult<JsonNode?>(evt));

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => runner.InvokeAsync("PreSignUp", "arn:aws:sns:ap-northeast-1:123456789012:f", Event()));

        Assert.Equal("UnexpectedLambdaException", error.Code);
    }

    [Fact]
    public async Task InvokeAsync_NoAnswerWithinFiveSeconds_IsUnexpectedLambdaSocketTimeout()
    {
        var time = new FakeTimeProvider();
        var never = new TaskCompletionSource<JsonNode?>();
        using var runner = Runner(o =>
        {
            o.TimeProvider = time;
            o.LambdaFunctions["slow"] = (_, _) => never.Task;
        });

        var pending = runner.InvokeAsync("PostAuthentication", Arn("slow"), Event());
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => pending);
        Assert.Equal("UnexpectedLambdaException", error.Code);
        Assert.Equal("PostAuthentication invocation failed due to error Socket timeout while invoking Lambda function.", error.Message);
    }

    [Fact]
    public async Task InvokeAsync_ReferenceTrigger_RunsInProcessWithoutConfiguration()
    {
        using var runner = Runner(_ => { });
        var evt = JsonNode.Parse("""
            {"version":"2","triggerSource":"TokenGeneration_Authentication","region":"ap-northeast-1","userPoolId":"ap-northeast-1_AbCdEfGhI",
             "userName":"u","callerContext":{"awsSdkVersion":"a","clientId":"c"},
             "request":{"userAttributes":{},"groupConfiguration":{"groupsToOverride":["readers"],"iamRolesToOverride":[],"preferredRole":null},"scopes":[]},
             "response":{"claimsAndScopeOverrideDetails":null}}
            """)!.AsObject();

        var answer = await runner.InvokeAsync("PreTokenGeneration", Arn(ReferenceStack.TokenTriggerName), evt);

        Assert.Equal(ReferenceStack.HelloReadScope, answer["response"]!["claimsAndScopeOverrideDetails"]!["accessTokenGeneration"]!["scopesToAdd"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task InvokeAsync_HandlerLoadedFromAFolder_RunsInItsOwnLoadContext()
    {
        // The published function folder stand-in: the assembly copied alone to a folder of its own, as --lambda names it.
        var folder = Directory.CreateTempSubdirectory("cognitoauth-lambda-");
        try
        {
            var source = typeof(CognitoAuth.Function.ReaderScopeTrigger).Assembly.Location;
            var path = Path.Combine(folder.FullName, Path.GetFileName(source));
            File.Copy(source, path);
            using var runner = Runner(o => o.LambdaHandlers.Add($"readers={path}::CognitoAuth.Function.ApiFunction::Handle"));
            var evt = JsonNode.Parse("""{"version":"2.0","routeKey":"GET /hello","rawPath":"/hello","requestContext":{"http":{"method":"GET","path":"/hello"},"requestId":"r"}}""")!.AsObject();

            var answer = await runner.InvokeAsync("CustomMessage", Arn("readers"), evt);

            Assert.Equal("Hello from a protected API!", answer["body"]!.GetValue<string>());
            Assert.Contains(System.Runtime.Loader.AssemblyLoadContext.All, c => c.Name == "lambda:CognitoAuth.Function.dll"
                && c.Assemblies.Any(a => a.Location == path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Create_HandlerFileMissing_FailsNamingThePath()
    {
        var error = Assert.Throws<ArgumentException>(() => Runner(o => o.LambdaHandlers.Add("f=/nowhere/Function.dll::N.T::Handle")));

        Assert.Contains("/nowhere/Function.dll", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_InvokeApi_PostsTheEventSignedForLambdaAndReturnsTheAnswer()
    {
        await using var server = await InvokeApiServer.StartAsync(r =>
        {
            var answer = JsonNode.Parse(r.Body)!.AsObject();
            answer["response"]!["autoConfirmUser"] = true;
            return new InvokeApiAnswer(200, Encoding.UTF8.GetBytes(answer.ToJsonString()));
        });
        using var runner = Runner(o => o.LambdaEndpoint = server.Url);

        var answer = await runner.InvokeAsync("PreSignUp", Arn("sign-up-rules", "$LATEST"), Event());

        Assert.True(answer["response"]!["autoConfirmUser"]!.GetValue<bool>());
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/2015-03-31/functions/sign-up-rules/invocations", request.Path);
        Assert.Equal("Qualifier=%24LATEST", request.Query);
        Assert.True(JsonNode.DeepEquals(Event(), JsonNode.Parse(request.Body)));
        AssertSignedForLambda(request, CognitoEmulatorOptions.DefaultAccessKeyId, CognitoEmulatorOptions.DefaultSecretAccessKey);
    }

    [Fact]
    public async Task InvokeAsync_InvokeApiFunctionError_IsUserLambdaValidationWithItsErrorMessage()
    {
        await using var server = await InvokeApiServer.StartAsync(_ => new InvokeApiAnswer(
            200,
            """{"errorMessage":"Tenant is suspended","errorType":"Error","stackTrace":["at handler (index.js:3:9)"]}"""u8.ToArray(),
            new Dictionary<string, string> { ["X-Amz-Function-Error"] = "Unhandled" }));
        using var runner = Runner(o => o.LambdaEndpoint = server.Url);

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => runner.InvokeAsync("PreAuthentication", Arn("gate"), Event()));

        Assert.Equal("UserLambdaValidationException", error.Code);
        Assert.Equal("PreAuthentication failed with error Tenant is suspended.", error.Message);
    }

    [Fact]
    public async Task InvokeAsync_InvokeApiFunctionNotFound_IsUnexpectedLambdaAccessDenied()
    {
        await using var server = await InvokeApiServer.StartAsync(_ => new InvokeApiAnswer(
            404, """{"Type":"User","Message":"Function not found"}"""u8.ToArray(),
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = "ResourceNotFoundException" }));
        using var runner = Runner(o => o.LambdaEndpoint = server.Url);

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => runner.InvokeAsync("UserMigration", Arn("gone"), Event()));

        Assert.Equal("UnexpectedLambdaException", error.Code);
        Assert.Equal("UserMigration invocation failed due to error AccessDeniedException.", error.Message);
    }

    [Fact]
    public async Task InvokeAsync_RegisteredFunction_ComesBeforeTheEndpoint()
    {
        await using var server = await InvokeApiServer.StartAsync(_ => new InvokeApiAnswer(500, []));
        using var runner = Runner(o =>
        {
            o.LambdaEndpoint = server.Url;
            o.LambdaFunctions["local"] = (evt, _) => Task.FromResult<JsonNode?>(evt);
        });

        await runner.InvokeAsync("PreSignUp", Arn("local"), Event());

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Create_DeployedFunction_IsFoundAndTheOptionsComeFirst()
    {
        var options = new CognitoEmulatorOptions();
        options.LambdaFunctions["shadowed"] = (evt, _) => { evt["by"] = "options"; return Task.FromResult<JsonNode?>(evt); };
        var deployed = new Dictionary<string, ITriggerFunction>
        {
            ["template-fn"] = new DelegateTriggerFunction("template-fn", (evt, _) => { evt["by"] = "template"; return Task.FromResult<JsonNode?>(evt); }),
            ["shadowed"] = new DelegateTriggerFunction("shadowed", (evt, _) => { evt["by"] = "template"; return Task.FromResult<JsonNode?>(evt); }),
        };
        using var runner = LambdaRunner.Create(options, deployed: deployed);

        Assert.Equal("template", (await runner.InvokeAsync("PreSignUp", Arn("template-fn"), Event()))["by"]!.GetValue<string>());
        Assert.Equal("options", (await runner.InvokeAsync("PreSignUp", Arn("shadowed"), Event()))["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_TemplateFunctionWithoutCode_IsFoundByItsLogicalId_AndTheEndpointGetsTheNameOutsidersKnow()
    {
        // Contract 6: a template's function without local code runs by its FunctionName or logical id. CloudFormation's
        // made-up name ({stack}-{logical id}-{suffix}) is what the pool's LambdaConfig holds, but nobody outside knows it.
        var names = new Dictionary<string, TemplateFunctionName>
        {
            ["stack-Gate-ABC123"] = new("Gate", NameGenerated: true),
            ["named-fn"] = new("Named", NameGenerated: false),
            ["stack-Rules-XYZ789"] = new("Rules", NameGenerated: true),
        };
        await using var server = await InvokeApiServer.StartAsync(r => new InvokeApiAnswer(200, r.Body));
        var options = new CognitoEmulatorOptions { LambdaEndpoint = server.Url };
        options.LambdaFunctions["Gate"] = (evt, _) => { evt["by"] = "logical id"; return Task.FromResult<JsonNode?>(evt); };
        using var runner = LambdaRunner.Create(options, templateNames: names);

        Assert.Equal("logical id", (await runner.InvokeAsync("PreSignUp", Arn("stack-Gate-ABC123"), Event()))["by"]!.GetValue<string>());
        await runner.InvokeAsync("PreSignUp", Arn("named-fn"), Event());
        await runner.InvokeAsync("PreSignUp", Arn("stack-Rules-XYZ789"), Event());

        Assert.Equal(["named-fn", "Rules"], server.Requests.Select(r => r.FunctionName));
    }

    [Fact]
    public async Task Observer_IsToldOfEveryRunAndHowItEnded_ReadingTheAnswerIncluded()
    {
        List<TriggerInvocation> runs = [];
        using var runner = Runner(o =>
        {
            o.LambdaFunctions["ok"] = (evt, _) => Task.FromResult<JsonNode?>(evt);
            o.LambdaFunctions["deny"] = (_, _) => throw new InvalidOperationException("no");
            o.LambdaFunctions["number"] = (_, _) => Task.FromResult<JsonNode?>(JsonValue.Create(42));
        });
        runner.Observer = runs.Add;

        await runner.InvokeAsync("PreSignUp", Arn("ok"), Event());
        await Assert.ThrowsAsync<CognitoServiceException>(() => runner.InvokeAsync("PreSignUp", Arn("deny"), Event()));
        await Assert.ThrowsAsync<CognitoServiceException>(() => runner.InvokeAsync("PreSignUp", Arn("missing"), Event()));
        await Assert.ThrowsAsync<CognitoServiceException>(() => runner.InvokeAsync("PreSignUp", Arn("number"), Event()));
        await Assert.ThrowsAsync<CognitoServiceException>(() => runner.InvokeAsync("PreSignUp", Arn("ok"), Event(), new Func<JsonObject, object>(_ => throw TriggerErrors.AnswerUnrecognizable())));

        Assert.Equal(
            [
                (Arn("ok"), "delegate 'ok'", "ok", (string?)null),
                (Arn("deny"), "delegate 'deny'", "failed", "UserLambdaValidationException"),
                (Arn("missing"), null!, "not found", "UnexpectedLambdaException"),
                (Arn("number"), "delegate 'number'", "invalid answer", "InvalidLambdaResponseException"),
                (Arn("ok"), "delegate 'ok'", "invalid answer", "InvalidLambdaResponseException"),
            ],
            runs.Select(r => (r.FunctionArn, r.Source, r.OutcomeText, r.ErrorCode)));
        Assert.All(runs, r => Assert.Equal(r.FunctionArn.Split(':')[6], r.FunctionName));
    }

    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:my-fn", "us-east-1", "my-fn", null)]
    [InlineData("arn:aws:lambda:ap-northeast-1:123456789012:function:my_fn:prod", "ap-northeast-1", "my_fn", "prod")]
    [InlineData("arn:aws-cn:lambda:cn-north-1:123456789012:function:f:$LATEST", "cn-north-1", "f", "$LATEST")]
    public void LambdaArn_TryParse_Function(string text, string region, string name, string? qualifier)
    {
        Assert.True(LambdaArn.TryParse(text, out var arn));
        Assert.Equal((region, name, qualifier), (arn.Region, arn.FunctionName, arn.Qualifier));
        Assert.Equal(text, arn.ToString());
    }

    [Theory]
    [InlineData("my-fn")]
    [InlineData("arn:aws:lambda:us-east-1:12345:function:f")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:layer:f")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:f g")]
    public void LambdaArn_TryParse_NotAFunctionArn(string text) => Assert.False(LambdaArn.TryParse(text, out _));

    /// <summary>Recomputes the signature with AWSSDK.Core from the request as received (the emulator's own canonical form).</summary>
    private static void AssertSignedForLambda(RecordedInvocation request, string accessKeyId, string secret)
    {
        var authorization = request.Headers.Authorization.ToString();
        var date = request.Headers["X-Amz-Date"].ToString();
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={accessKeyId}/{date[..8]}/{Region}/lambda/aws4_request, SignedHeaders=", authorization, StringComparison.Ordinal);
        var signedHeaders = authorization.Split("SignedHeaders=")[1].Split(',')[0];
        var canonical = SigV4Verifier.CanonicalRequest(request.Method, request.Path, request.Query, request.Headers, signedHeaders.Split(';'), request.Body);
        var signedAt = DateTime.ParseExact(date, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        var expected = AWS4Signer.ComputeSignature(accessKeyId, secret, Region, signedAt, "lambda", signedHeaders, canonical).Signature;
        Assert.EndsWith("Signature=" + expected, authorization, StringComparison.Ordinal);
    }
}

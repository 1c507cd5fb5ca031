using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Tokens;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Emulator.Triggers.Events;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>The seam the operations call: configured triggers run, the others cost nothing.</summary>
public sealed class UserPoolTriggersTests
{
    private static readonly TriggerContext Context = TriggerEventTests.Context;

    [Fact]
    public async Task Trigger_NotConfigured_RunsNothingAndAnswersNull()
    {
        var calls = 0;
        var options = new CognitoEmulatorOptions();
        options.LambdaFunctions["sign-up"] = (evt, _) => { calls++; return Task.FromResult<JsonNode?>(evt); };
        using var runner = LambdaRunner.Create(options);
        var triggers = new UserPoolTriggers(runner, PoolLambdaConfig.Empty, Context);

        var answer = await triggers.PreSignUpAsync(PreSignUpTrigger.SignUp, "alice", [], null, null);

        Assert.Null(answer);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task PreSignUp_Configured_RunsTheFunctionAndReadsItsAnswer()
    {
        var options = new CognitoEmulatorOptions();
        options.LambdaFunctions["sign-up"] = (evt, _) =>
        {
            evt["response"]!["autoConfirmUser"] = evt["request"]!["userAttributes"]!["email"]!.GetValue<string>().EndsWith("@example.com", StringComparison.Ordinal);
            return Task.FromResult<JsonNode?>(evt);
        };
        using var runner = LambdaRunner.Create(options);
        var triggers = new UserPoolTriggers(runner, Config("""{"PreSignUp":"arn:aws:lambda:ap-northeast-1:123456789012:function:sign-up"}"""), Context);

        var answer = await triggers.PreSignUpAsync(PreSignUpTrigger.SignUp, "alice", [new("email", "alice@example.com")], null, null);

        Assert.True(answer!.AutoConfirmUser);
    }

    [Fact]
    public async Task PreTokenGeneration_ReferencePool_GivesAReaderTheHelloReadScope()
    {
        using var runner = LambdaRunner.Create(new CognitoEmulatorOptions());
        var triggers = new UserPoolTriggers(runner, Config(PoolLambdaConfig.Reference("ap-northeast-1", "123456789012").ToJsonString()), Context);
        using var key = SigningKey.Generate();
        var issuer = new TokenIssuer(key, "https://issuer", Context.UserPoolId);
        var now = DateTimeOffset.UnixEpoch.AddYears(57);
        var signIn = new SignInEvent("alice", "7744fa58-3041-70d5-9bb4-1ef6a2b3c4d5", Context.ClientId!, now, "o", "e");

        var reader = await triggers.PreTokenGenerationAsync(PreTokenGenerationTrigger.Authentication, "alice", TriggerEventTests.Attributes,
            [ReferenceStack.ReadersGroup.Name], ["aws.cognito.signin.user.admin"], null);
        var other = await triggers.PreTokenGenerationAsync(PreTokenGenerationTrigger.Authentication, "alice", TriggerEventTests.Attributes,
            [], ["aws.cognito.signin.user.admin"], null);

        Assert.Equal("aws.cognito.signin.user.admin cognito-auth-api/hello.read", Scope(issuer.CreateAccessToken(signIn, [ReferenceStack.ReadersGroup.Name], now, TimeSpan.FromHours(1), reader)));
        Assert.Equal("aws.cognito.signin.user.admin", Scope(issuer.CreateAccessToken(signIn, [], now, TimeSpan.FromHours(1), other)));
    }

    [Fact]
    public async Task PreTokenGeneration_ClientCredentialsWithV2_RunsNothing()
    {
        var calls = 0;
        var options = new CognitoEmulatorOptions();
        options.LambdaFunctions["tokens"] = (evt, _) => { calls++; return Task.FromResult<JsonNode?>(evt); };
        using var runner = LambdaRunner.Create(options);
        var triggers = new UserPoolTriggers(runner, Config("""
            {"PreTokenGenerationConfig":{"LambdaArn":"arn:aws:lambda:ap-northeast-1:123456789012:function:tokens","LambdaVersion":"V2_0"}}
            """), Context);

        var answer = await triggers.PreTokenGenerationAsync(PreTokenGenerationTrigger.ClientCredentials, null, [], [], ["cognito-auth-api/hello.read"], null);

        Assert.Null(answer);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Trigger_FunctionFails_IsCognitosErrorForTheCaller()
    {
        var options = new CognitoEmulatorOptions();
        options.LambdaFunctions["gate"] = (_, _) => throw new InvalidOperationException("Outside business hours");
        using var runner = LambdaRunner.Create(options);
        var triggers = new UserPoolTriggers(runner, Config("""{"PreAuthentication":"arn:aws:lambda:ap-northeast-1:123456789012:function:gate"}"""), Context);

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => triggers.PreAuthenticationAsync("alice", [], null, null));

        Assert.Equal("PreAuthentication failed with error Outside business hours.", error.Message);
    }

    [Fact]
    public void EnsureSupported_KmsCustomSender_IsRefusedByName()
    {
        var config = Config("""{"CustomSMSSender":{"LambdaArn":"arn:aws:lambda:ap-northeast-1:123456789012:function:sms","LambdaVersion":"V1_0"}}""");

        var error = Assert.Throws<CognitoServiceException>(() => UserPoolTriggers.EnsureSupported(config));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Contains("CustomSMSSender", error.Message, StringComparison.Ordinal);
        UserPoolTriggers.EnsureSupported(PoolLambdaConfig.Empty);
    }

    private static PoolLambdaConfig Config(string json)
    {
        using var document = JsonDocument.Parse(json);
        return PoolLambdaConfig.From(document.RootElement);
    }

    private static string Scope(string token) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!["scope"]!.GetValue<string>();
}

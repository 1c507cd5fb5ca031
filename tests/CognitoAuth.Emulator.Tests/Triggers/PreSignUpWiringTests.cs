using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>The PreSignUp trigger at SignUp: its answer confirms and verifies the user; its refusal creates nobody.</summary>
public sealed class PreSignUpWiringTests
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:sign-up";

    [Fact]
    public async Task AutoConfirmAndVerify_UserSignsInAtOnceWithTheEmailVerified()
    {
        string? source = null;
        await using var emulator = await StartAsync(evt =>
        {
            source = evt["triggerSource"]!.GetValue<string>();
            evt["response"]!["autoConfirmUser"] = true;
            evt["response"]!["autoVerifyEmail"] = true;
            return evt;
        });
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { PreSignUp = Arn });

        var signUp = await pool.CallAsync("SignUp", new { pool.ClientId, Username = "alice", Password = TestPool.Password, UserAttributes = new[] { new { Name = "email", Value = "alice@example.com" } } });
        var signIn = await pool.SignInAsync("alice");

        signUp.AssertOk();
        Assert.True(signUp.Json.GetProperty("UserConfirmed").GetBoolean());
        Assert.Equal("PreSignUp_SignUp", source);
        signIn.AssertOk();
        Assert.True(TestPool.Claims(signIn.Get("AuthenticationResult", "IdToken")).GetProperty("email_verified").GetBoolean());
        Assert.Null(emulator.Inbox.LatestTo("alice@example.com"));
    }

    [Fact]
    public async Task FunctionRefuses_SignUpFailsAndNoUserIsCreated()
    {
        await using var emulator = await StartAsync(_ => throw new InvalidOperationException("Email domain not allowed"));
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { PreSignUp = Arn });

        var signUp = await pool.CallAsync("SignUp", new { pool.ClientId, Username = "alice", Password = TestPool.Password, UserAttributes = new[] { new { Name = "email", Value = "alice@example.org" } } });
        var user = await pool.CallAsync("AdminGetUser", new { UserPoolId = pool.PoolId, Username = "alice" });

        signUp.AssertError("UserLambdaValidationException", "PreSignUp failed with error Email domain not allowed.");
        user.AssertError("UserNotFoundException");
    }

    private static Task<CognitoEmulator> StartAsync(Func<JsonObject, JsonObject> function)
    {
        var options = new CognitoEmulatorOptions();
        options.LambdaFunctions["sign-up"] = (evt, _) => Task.FromResult<JsonNode?>(function(evt));
        return CognitoEmulator.StartAsync(options);
    }
}

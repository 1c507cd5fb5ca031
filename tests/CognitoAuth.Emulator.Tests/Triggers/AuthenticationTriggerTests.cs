using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>
/// The pool's PreAuthentication and PostAuthentication triggers run at the sign-in engine's places: before the first
/// factor is checked, and once the user is signed in; either one failing refuses the sign-in with Cognito's error.
/// </summary>
public sealed class AuthenticationTriggerTests
{
    private const string PreArn = "arn:aws:lambda:us-east-1:123456789012:function:pre-auth";
    private const string PostArn = "arn:aws:lambda:us-east-1:123456789012:function:post-auth";

    [Fact]
    public async Task PreAuthenticationThrows_SignInRefusedWithItsMessage_PostAuthenticationNotRun()
    {
        var posts = 0;
        await using var emulator = await StartAsync(
            _ => throw new InvalidOperationException("sign-in closed for maintenance"),
            evt => { Interlocked.Increment(ref posts); return evt; });
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { PreAuthentication = PreArn, PostAuthentication = PostArn });
        await pool.SignUpConfirmedAsync("alice", "alice@example.com");

        var refused = await pool.SignInAsync("alice");

        refused.AssertError("UserLambdaValidationException", "PreAuthentication failed with error sign-in closed for maintenance.");
        Assert.Equal(0, posts);
    }

    [Fact]
    public async Task BothConfigured_SignIn_EachRunsOnceWithTheUserAndItsSource()
    {
        var events = new ConcurrentQueue<JsonObject>();
        await using var emulator = await StartAsync(
            evt => { events.Enqueue((JsonObject)evt.DeepClone()); return evt; },
            evt => { events.Enqueue((JsonObject)evt.DeepClone()); return evt; });
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { PreAuthentication = PreArn, PostAuthentication = PostArn });
        await pool.SignUpConfirmedAsync("alice", "alice@example.com");

        var signedIn = await pool.SignInAsync("alice");

        signedIn.AssertOk();
        Assert.Equal(["PreAuthentication_Authentication", "PostAuthentication_Authentication"], events.Select(e => e["triggerSource"]!.GetValue<string>()));
        Assert.All(events, e =>
        {
            Assert.Equal("alice", e["userName"]!.GetValue<string>());
            Assert.Equal("alice@example.com", e["request"]!["userAttributes"]!["email"]!.GetValue<string>());
            Assert.Equal(pool.ClientId, e["callerContext"]!["clientId"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task PostAuthenticationThrows_NoTokens()
    {
        await using var emulator = await StartAsync(evt => evt, _ => throw new InvalidOperationException("audit log unavailable"));
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { PreAuthentication = PreArn, PostAuthentication = PostArn });
        await pool.SignUpConfirmedAsync("alice", "alice@example.com");

        var refused = await pool.SignInAsync("alice");

        refused.AssertError("UserLambdaValidationException", "PostAuthentication failed with error audit log unavailable.");
    }

    [Fact]
    public async Task ClientMetadata_InitiateAuthsAsValidationData_RespondToAuthChallengesAsClientMetadata()
    {
        var events = new ConcurrentQueue<JsonObject>();
        await using var emulator = await StartAsync(
            evt => { events.Enqueue((JsonObject)evt.DeepClone()); return evt; },
            evt => { events.Enqueue((JsonObject)evt.DeepClone()); return evt; });
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { PreAuthentication = PreArn, PostAuthentication = PostArn, PreTokenGeneration = PostArn });
        (await pool.CallAsync("AdminCreateUser", new { UserPoolId = pool.PoolId, Username = "carol", TemporaryPassword = "Temp-Pass123!", MessageAction = "SUPPRESS" })).AssertOk();

        var challenge = await pool.CallAsync("InitiateAuth", new
        {
            pool.ClientId, AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "carol", ["PASSWORD"] = "Temp-Pass123!" },
            ClientMetadata = new Dictionary<string, string> { ["step"] = "initiate" },
        });
        var signedIn = await pool.CallAsync("RespondToAuthChallenge", new
        {
            pool.ClientId, ChallengeName = "NEW_PASSWORD_REQUIRED", Session = challenge.Get("Session"),
            ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "carol", ["NEW_PASSWORD"] = TestPool.Password },
            ClientMetadata = new Dictionary<string, string> { ["step"] = "respond" },
        });

        signedIn.AssertOk();
        Assert.Equal(
            [
                ("PreAuthentication_Authentication", "validationData", "initiate"),
                ("PostAuthentication_Authentication", "clientMetadata", "respond"),
                ("TokenGeneration_NewPasswordChallenge", "clientMetadata", "respond"),
            ],
            events.Select(e => (
                e["triggerSource"]!.GetValue<string>(),
                e["request"]!["validationData"] is JsonObject ? "validationData" : "clientMetadata",
                (e["request"]!["validationData"] ?? e["request"]!["clientMetadata"])!["step"]!.GetValue<string>())));
    }

    private static Task<CognitoEmulator> StartAsync(Func<JsonObject, JsonObject> pre, Func<JsonObject, JsonObject> post)
    {
        var options = new CognitoEmulatorOptions();
        options.LambdaFunctions["pre-auth"] = (evt, _) => Task.FromResult<JsonNode?>(pre(evt));
        options.LambdaFunctions["post-auth"] = (evt, _) => Task.FromResult<JsonNode?>(post(evt));
        return CognitoEmulator.StartAsync(options);
    }
}

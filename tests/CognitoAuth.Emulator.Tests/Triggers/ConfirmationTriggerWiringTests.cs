using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>
/// PostConfirmation after every confirmation (ConfirmSignUp, AdminConfirmSignUp, a PreSignUp auto-confirm, ConfirmForgotPassword);
/// UserMigration at ForgotPassword of an unknown user; pools that need a KMS custom sender refused; and the local page's
/// request log showing each trigger run.
/// </summary>
public sealed class ConfirmationTriggerWiringTests
{
    private const string PostArn = "arn:aws:lambda:us-east-1:123456789012:function:post-confirmation";
    private const string MigrateArn = "arn:aws:lambda:us-east-1:123456789012:function:migrate";
    private const string PreSignUpArn = "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up";

    [Fact]
    public async Task EveryConfirmation_RunsPostConfirmation_WithItsSourceAttributesAndClientMetadata()
    {
        var events = new ConcurrentQueue<JsonObject>();
        await using var emulator = await StartAsync(events, evt =>
        {
            if (evt["triggerSource"]!.GetValue<string>() == "PreSignUp_SignUp" && evt["userName"]!.GetValue<string>() == "dave")
            {
                evt["response"]!["autoConfirmUser"] = true;
            }

            return evt;
        });
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { PostConfirmation = PostArn, PreSignUp = PreSignUpArn });
        var metadata = new Dictionary<string, string> { ["source"] = "test" };

        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "alice", Password = TestPool.Password, UserAttributes = Email("alice@example.com") })).AssertOk();
        (await pool.CallAsync("ConfirmSignUp", new { pool.ClientId, Username = "alice", ConfirmationCode = emulator.Inbox.LatestTo("alice@example.com")!.Code, ClientMetadata = metadata })).AssertOk();
        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "bob", Password = TestPool.Password, UserAttributes = Email("bob@example.com") })).AssertOk();
        (await pool.CallAsync("AdminConfirmSignUp", new { UserPoolId = pool.PoolId, Username = "bob", ClientMetadata = metadata })).AssertOk();
        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "dave", Password = TestPool.Password, UserAttributes = Email("dave@example.com"), ClientMetadata = metadata })).AssertOk();
        (await pool.CallAsync("ForgotPassword", new { pool.ClientId, Username = "alice" })).AssertOk();
        (await pool.CallAsync("ConfirmForgotPassword", new
        {
            pool.ClientId, Username = "alice", ConfirmationCode = emulator.Inbox.LatestTo("alice@example.com")!.Code, Password = "N3w-Passw0rd!", ClientMetadata = metadata,
        })).AssertOk();

        var posts = events.Where(e => e["triggerSource"]!.GetValue<string>().StartsWith("PostConfirmation", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [("alice", "PostConfirmation_ConfirmSignUp"), ("bob", "PostConfirmation_ConfirmSignUp"), ("dave", "PostConfirmation_ConfirmSignUp"), ("alice", "PostConfirmation_ConfirmForgotPassword")],
            posts.Select(e => (e["userName"]!.GetValue<string>(), e["triggerSource"]!.GetValue<string>())));
        Assert.All(posts, e => Assert.Equal("test", e["request"]!["clientMetadata"]!["source"]!.GetValue<string>()));
        Assert.Equal("true", posts[0]["request"]!["userAttributes"]!["email_verified"]!.GetValue<string>());
        Assert.Equal("CLIENT_ID_NOT_APPLICABLE", posts[1]["callerContext"]!["clientId"]!.GetValue<string>());
        Assert.Equal(pool.ClientId, posts[2]["callerContext"]!["clientId"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostConfirmationFails_TheCallFailsWithItsError_AndTheConfirmationStandsAsInCognito()
    {
        await using var emulator = await StartAsync(new(), evt => evt["triggerSource"]!.GetValue<string>().StartsWith("PostConfirmation", StringComparison.Ordinal)
            ? throw new InvalidOperationException("CRM unavailable")
            : evt);
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { PostConfirmation = PostArn });
        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "alice", Password = TestPool.Password, UserAttributes = Email("alice@example.com") })).AssertOk();

        var confirm = await pool.CallAsync("ConfirmSignUp", new { pool.ClientId, Username = "alice", ConfirmationCode = emulator.Inbox.LatestTo("alice@example.com")!.Code });
        var user = await pool.CallAsync("AdminGetUser", new { UserPoolId = pool.PoolId, Username = "alice" });

        confirm.AssertError("UserLambdaValidationException", "PostConfirmation failed with error CRM unavailable.");
        Assert.Equal("CONFIRMED", user.Get("UserStatus"));
    }

    [Fact]
    public async Task ForgotPassword_UnknownUserKnownToTheOldStore_IsMigratedWithItsStatus_GetsTheCode_AndResets()
    {
        var events = new ConcurrentQueue<JsonObject>();
        await using var emulator = await StartAsync(events, evt =>
        {
            if (evt["userName"]!.GetValue<string>() == "olduser")
            {
                evt["response"]!["userAttributes"] = new JsonObject { ["email"] = "old@example.com", ["email_verified"] = "true" };
                evt["response"]!["finalUserStatus"] = "RESET_REQUIRED";
                evt["response"]!["messageAction"] = "SUPPRESS";
            }

            return evt;
        });
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { UserMigration = MigrateArn });

        var forgot = await pool.CallAsync("ForgotPassword", new { pool.ClientId, Username = "olduser", ClientMetadata = new Dictionary<string, string> { ["app"] = "web" } });
        var migrated = await pool.CallAsync("AdminGetUser", new { UserPoolId = pool.PoolId, Username = "olduser" });
        var unknown = await pool.CallAsync("ForgotPassword", new { pool.ClientId, Username = "stranger" });
        var code = emulator.Inbox.LatestTo("old@example.com")!;
        (await pool.CallAsync("ConfirmForgotPassword", new { pool.ClientId, Username = "olduser", ConfirmationCode = code.Code, Password = "N3w-Passw0rd!" })).AssertOk();
        var signedIn = await pool.SignInAsync("olduser", "N3w-Passw0rd!");

        forgot.AssertOk();
        Assert.Equal("EMAIL", forgot.Get("CodeDeliveryDetails", "DeliveryMedium"));
        Assert.Equal("RESET_REQUIRED", migrated.Get("UserStatus"));
        Assert.Equal(InboxMessageKind.PasswordReset, code.Kind);
        unknown.AssertError("UserNotFoundException");
        signedIn.AssertOk();
        var migration = events.First();
        Assert.Equal("UserMigration_ForgotPassword", migration["triggerSource"]!.GetValue<string>());
        Assert.False(migration["request"]!.AsObject().ContainsKey("password"));
        Assert.Equal("web", migration["request"]!["clientMetadata"]!["app"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("CreateUserPool", "CustomEmailSender")]
    [InlineData("CreateUserPool", "CustomSMSSender")]
    [InlineData("UpdateUserPool", "KMSKeyID")]
    public async Task PoolNeedingAKmsCustomSender_IsRefusedNamingIt(string operation, string key)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        JsonNode value = key == "KMSKeyID"
            ? "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
            : new JsonObject { ["LambdaVersion"] = "V1_0", ["LambdaArn"] = "arn:aws:lambda:us-east-1:123456789012:function:sender" };
        var lambdaConfig = new JsonObject { [key] = value };

        var refused = operation == "CreateUserPool"
            ? await client.CallAsync(operation, new { PoolName = "kms-pool", LambdaConfig = lambdaConfig })
            : await client.CallAsync(operation, new { UserPoolId = pool.PoolId, LambdaConfig = lambdaConfig });

        refused.AssertError("InvalidParameterException");
        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
        var described = await client.CallAsync("DescribeUserPool", new { UserPoolId = pool.PoolId });
        Assert.DoesNotContain(key, described.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalPage_RequestLog_ShowsEachTriggerRunUnderItsRequest_HowItEndedAndHowLong()
    {
        await using var emulator = await StartAsync(new(), evt => evt["userName"]!.GetValue<string>() == "mallory"
            ? throw new InvalidOperationException("blocked")
            : evt);
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { PreSignUp = PreSignUpArn });
        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "alice", Password = TestPool.Password, UserAttributes = Email("alice@example.com") })).AssertOk();
        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "mallory", Password = TestPool.Password, UserAttributes = Email("m@example.com") }))
            .AssertError("UserLambdaValidationException");
        using var http = new HttpClient();

        using var response = await http.GetAsync(emulator.LocalPageUrl);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = html.Split("<tr").Where(r => r.Contains("<code>PreSignUp</code>", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Matches(@"<code>PreSignUp</code> → <code>pre-sign-up</code> \(delegate [^)]*pre-sign-up[^)]*\)</td><td class=""bad"">[0-9.]+ ms</td><td>failed \(UserLambdaValidationException\)", rows[0]);
        Assert.Matches(@"<code>PreSignUp</code> → <code>pre-sign-up</code> \(delegate [^)]*pre-sign-up[^)]*\)</td><td class=""ok"">[0-9.]+ ms</td><td>ok</td>", rows[1]);

        // Each under its own request, newest first: the refused sign-up, then the one that went through.
        var order = new[] { "UserLambdaValidationException</td></tr><tr class=\"trigger\">", "<code>SignUp</code></td><td class=\"ok\">200</td><td>ok</td></tr><tr class=\"trigger\">" }
            .Select(marker => html.IndexOf(marker, StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.True(order[0] < order[1]);
    }

    private static object[] Email(string address) => [new { Name = "email", Value = address }];

    /// <summary>One function behind every ARN of these tests, recording every event it gets (a copy, as sent).</summary>
    private static Task<CognitoEmulator> StartAsync(ConcurrentQueue<JsonObject> events, Func<JsonObject, JsonObject> function)
    {
        var options = new CognitoEmulatorOptions();
        foreach (var name in new[] { "post-confirmation", "migrate", "pre-sign-up" })
        {
            options.LambdaFunctions[name] = (evt, _) =>
            {
                events.Enqueue((JsonObject)evt.DeepClone());
                return Task.FromResult<JsonNode?>(function(evt));
            };
        }

        return CognitoEmulator.StartAsync(options);
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>
/// The CustomMessage trigger wherever a pool sends a code (sign-up, resend, forgot password, admin reset, invitation): the
/// inbox gets the function's subject and text with the code filled in; a text without <c>{####}</c> is refused as Cognito
/// refuses it; a failure sends nothing and changes nothing. And PreSignUp at AdminCreateUser, with its validation data.
/// </summary>
public sealed class MessageTriggerWiringTests
{
    private const string MessageArn = "arn:aws:lambda:us-east-1:123456789012:function:message";
    private const string PreSignUpArn = "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up";

    [Fact]
    public async Task SignUp_InboxShowsTheFunctionsSubjectAndText_WithTheCode_AndTheEventCarriesTheClientMetadata()
    {
        var events = new ConcurrentQueue<JsonObject>();
        await using var emulator = await StartAsync(events, Reword);
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { CustomMessage = MessageArn });

        var signUp = await pool.CallAsync("SignUp", new
        {
            pool.ClientId, Username = "alice", Password = TestPool.Password,
            UserAttributes = new[] { new { Name = "email", Value = "alice@example.com" } },
            ClientMetadata = new Dictionary<string, string> { ["campaign"] = "spring" },
        });
        var message = emulator.Inbox.LatestTo("alice@example.com")!;
        var confirmed = await pool.CallAsync("ConfirmSignUp", new { pool.ClientId, Username = "alice", ConfirmationCode = message.Code });

        signUp.AssertOk();
        confirmed.AssertOk();
        Assert.Equal("Welcome, alice", message.Subject);
        Assert.Equal($"Your code is {message.Code}.", message.Body);
        var evt = Assert.Single(events);
        Assert.Equal("CustomMessage_SignUp", evt["triggerSource"]!.GetValue<string>());
        Assert.Equal("{####}", evt["request"]!["codeParameter"]!.GetValue<string>());
        Assert.Equal("spring", evt["request"]!["clientMetadata"]!["campaign"]!.GetValue<string>());
        Assert.Equal(signUp.Get("UserSub"), evt["request"]!["userAttributes"]!["sub"]!.GetValue<string>());
        Assert.Equal(pool.ClientId, evt["callerContext"]!["clientId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResendForgotAndAdminReset_EachSendsTheFunctionsWords_WithItsSource()
    {
        var events = new ConcurrentQueue<JsonObject>();
        await using var emulator = await StartAsync(events, Reword);
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { CustomMessage = MessageArn });
        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "bob", Password = TestPool.Password, UserAttributes = new[] { new { Name = "email", Value = "bob@example.com" } } })).AssertOk();
        await pool.SignUpConfirmedAsync("alice", "alice@example.com");

        (await pool.CallAsync("ResendConfirmationCode", new { pool.ClientId, Username = "bob" })).AssertOk();
        var resent = emulator.Inbox.LatestTo("bob@example.com")!;
        (await pool.CallAsync("ForgotPassword", new { pool.ClientId, Username = "alice" })).AssertOk();
        var forgot = emulator.Inbox.LatestTo("alice@example.com")!;
        (await pool.CallAsync("AdminResetUserPassword", new { UserPoolId = pool.PoolId, Username = "alice" })).AssertOk();
        var reset = emulator.Inbox.LatestTo("alice@example.com")!;

        Assert.Equal(
            ["CustomMessage_SignUp", "CustomMessage_SignUp", "CustomMessage_ResendCode", "CustomMessage_ForgotPassword", "CustomMessage_ForgotPassword"],
            events.Select(e => e["triggerSource"]!.GetValue<string>()));
        Assert.All([resent, forgot, reset], m => Assert.Equal($"Your code is {m.Code}.", m.Body));
        Assert.Equal(InboxMessageKind.PasswordReset, reset.Kind);
        Assert.Equal("CLIENT_ID_NOT_APPLICABLE", events.Last()["callerContext"]!["clientId"]!.GetValue<string>());
        (await pool.CallAsync("ConfirmForgotPassword", new { pool.ClientId, Username = "alice", ConfirmationCode = reset.Code, Password = "N3w-Passw0rd!" })).AssertOk();
    }

    [Fact]
    public async Task AdminCreateUser_PreSignUpGetsValidationAndClientMetadata_InvitationHasTheUsernameAndTemporaryPassword()
    {
        var events = new ConcurrentQueue<JsonObject>();
        await using var emulator = await StartAsync(events, evt =>
        {
            if (evt["triggerSource"]!.GetValue<string>() == "PreSignUp_AdminCreateUser")
            {
                evt["response"]!["autoVerifyEmail"] = true;
                return evt;
            }

            evt["response"]!["emailSubject"] = "Your Acme account";
            evt["response"]!["emailMessage"] = $"User {evt["request"]!["usernameParameter"]}, password {evt["request"]!["codeParameter"]}";
            return evt;
        });
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { CustomMessage = MessageArn, PreSignUp = PreSignUpArn });

        var created = await pool.CallAsync("AdminCreateUser", new
        {
            UserPoolId = pool.PoolId, Username = "carol", TemporaryPassword = "Temp-Pass123!",
            UserAttributes = new[] { new { Name = "email", Value = "carol@example.com" } },
            ValidationData = new[] { new { Name = "invited-by", Value = "admin" } },
            ClientMetadata = new Dictionary<string, string> { ["team"] = "blue" },
        });
        var user = await pool.CallAsync("AdminGetUser", new { UserPoolId = pool.PoolId, Username = "carol" });
        var invitation = emulator.Inbox.LatestTo("carol@example.com")!;

        created.AssertOk();
        Assert.Equal("FORCE_CHANGE_PASSWORD", user.Get("UserStatus"));
        Assert.Contains(user.Json.GetProperty("UserAttributes").EnumerateArray(), a => a.GetProperty("Name").GetString() == "email_verified" && a.GetProperty("Value").GetString() == "true");
        Assert.Equal(("Your Acme account", "User carol, password Temp-Pass123!"), (invitation.Subject, invitation.Body));
        Assert.Equal(["PreSignUp_AdminCreateUser", "CustomMessage_AdminCreateUser"], events.Select(e => e["triggerSource"]!.GetValue<string>()));
        var preSignUp = events.First();
        Assert.Equal("admin", preSignUp["request"]!["validationData"]!["invited-by"]!.GetValue<string>());
        Assert.Equal("blue", preSignUp["request"]!["clientMetadata"]!["team"]!.GetValue<string>());
        Assert.Equal("CLIENT_ID_NOT_APPLICABLE", preSignUp["callerContext"]!["clientId"]!.GetValue<string>());
        Assert.Equal("{username}", events.Last()["request"]!["usernameParameter"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdminCreateUser_PreSignUpRefuses_NobodyIsCreatedAndNothingSent()
    {
        await using var emulator = await StartAsync(new(), evt => evt["triggerSource"]!.GetValue<string>().StartsWith("PreSignUp", StringComparison.Ordinal)
            ? throw new InvalidOperationException("invitations are closed")
            : evt);
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { CustomMessage = MessageArn, PreSignUp = PreSignUpArn });

        var created = await pool.CallAsync("AdminCreateUser", new { UserPoolId = pool.PoolId, Username = "carol", UserAttributes = new[] { new { Name = "email", Value = "carol@example.com" } } });
        var user = await pool.CallAsync("AdminGetUser", new { UserPoolId = pool.PoolId, Username = "carol" });

        created.AssertError("UserLambdaValidationException", "PreSignUp failed with error invitations are closed.");
        user.AssertError("UserNotFoundException");
        Assert.Null(emulator.Inbox.LatestTo("carol@example.com"));
    }

    [Fact]
    public async Task MessageWithoutTheCodePlaceholder_RefusedAsCognitoDoes_NoUserNoMessage()
    {
        await using var emulator = await StartAsync(new(), evt =>
        {
            evt["response"]!["emailMessage"] = "Welcome aboard!";
            return evt;
        });
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { CustomMessage = MessageArn });

        var signUp = await pool.CallAsync("SignUp", new { pool.ClientId, Username = "alice", Password = TestPool.Password, UserAttributes = new[] { new { Name = "email", Value = "alice@example.com" } } });
        var user = await pool.CallAsync("AdminGetUser", new { UserPoolId = pool.PoolId, Username = "alice" });

        signUp.AssertError("InvalidParameterException");
        Assert.Contains("Value 'Welcome aboard!' at 'emailBody' failed to satisfy constraint", signUp.Message, StringComparison.Ordinal);
        user.AssertError("UserNotFoundException");
        Assert.Null(emulator.Inbox.LatestTo("alice@example.com"));
    }

    [Fact]
    public async Task FunctionFails_AtForgotPassword_NoCodeIsSetOrSent()
    {
        var failing = false;
        await using var emulator = await StartAsync(new(), evt => Volatile.Read(ref failing) ? throw new InvalidOperationException("mailer down") : evt);
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { CustomMessage = MessageArn });
        await pool.SignUpConfirmedAsync("alice", "alice@example.com");
        var before = emulator.Inbox.Messages.Count;
        Volatile.Write(ref failing, true);

        var forgot = await pool.CallAsync("ForgotPassword", new { pool.ClientId, Username = "alice" });
        var reset = await pool.CallAsync("AdminResetUserPassword", new { UserPoolId = pool.PoolId, Username = "alice" });
        var user = await pool.CallAsync("AdminGetUser", new { UserPoolId = pool.PoolId, Username = "alice" });

        forgot.AssertError("UserLambdaValidationException", "CustomMessage failed with error mailer down.");
        reset.AssertError("UserLambdaValidationException", "CustomMessage failed with error mailer down.");
        Assert.Equal("CONFIRMED", user.Get("UserStatus"));
        Assert.Equal(before, emulator.Inbox.Messages.Count);
        (await pool.SignInAsync("alice")).AssertOk();
    }

    private static JsonObject Reword(JsonObject evt)
    {
        evt["response"]!["emailSubject"] = $"Welcome, {evt["userName"]}";
        evt["response"]!["emailMessage"] = $"Your code is {evt["request"]!["codeParameter"]}.";
        return evt;
    }

    /// <summary>One function behind both ARNs, recording every event it gets (a copy, as sent).</summary>
    private static Task<CognitoEmulator> StartAsync(ConcurrentQueue<JsonObject> events, Func<JsonObject, JsonObject> function)
    {
        var options = new CognitoEmulatorOptions();
        foreach (var name in new[] { "message", "pre-sign-up" })
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

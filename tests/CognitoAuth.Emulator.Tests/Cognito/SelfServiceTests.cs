using System.Net;
using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>Sign-up, confirmation with the inbox code, forgotten passwords and the access-token operations, as Cognito answers them.</summary>
public sealed class SelfServiceTests
{
    [Fact]
    public async Task SignUp_CodeInTheInbox_ConfirmsAndSignsIn()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);

        var signUp = await pool.CallAsync("SignUp", new { pool.ClientId, Username = "carol", Password = TestPool.Password, UserAttributes = new[] { new { Name = "email", Value = "carol@example.com" } } });
        signUp.AssertOk();
        var beforeConfirm = await pool.SignInAsync("carol");
        var message = emulator.Inbox.LatestTo("carol@example.com")!;
        var wrong = await pool.CallAsync("ConfirmSignUp", new { pool.ClientId, Username = "carol", ConfirmationCode = message.Code == "000000" ? "111111" : "000000" });
        var confirmed = await pool.CallAsync("ConfirmSignUp", new { pool.ClientId, Username = "carol", ConfirmationCode = message.Code });
        var again = await pool.CallAsync("ConfirmSignUp", new { pool.ClientId, Username = "carol", ConfirmationCode = message.Code });
        var signIn = await pool.SignInAsync("carol");

        Assert.False(signUp.Json.GetProperty("UserConfirmed").GetBoolean());
        Assert.True(Guid.TryParse(signUp.Get("UserSub"), out _));
        Assert.Equal("c***@e***", signUp.Get("CodeDeliveryDetails", "Destination"));
        Assert.Equal("EMAIL", signUp.Get("CodeDeliveryDetails", "DeliveryMedium"));
        Assert.Equal(InboxMessageKind.SignUpConfirmation, message.Kind);
        Assert.Matches("^[0-9]{6}$", message.Code);
        Assert.Equal($"Your verification code is {message.Code}. ", message.Body);
        Assert.DoesNotContain(message.Code, message.ToString(), StringComparison.Ordinal);
        beforeConfirm.AssertError("UserNotConfirmedException", "User is not confirmed.");
        wrong.AssertError("CodeMismatchException", "Invalid verification code provided, please try again.");
        confirmed.AssertOk();
        again.AssertError("NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED");
        signIn.AssertOk();
        var id = TestPool.Claims(TokenSet.From(signIn).IdToken);
        Assert.Equal("carol", id.GetProperty("cognito:username").GetString());
        Assert.True(id.GetProperty("email_verified").GetBoolean());
        Assert.Equal(signUp.Get("UserSub"), id.GetProperty("sub").GetString());
    }

    [Theory]
    [InlineData("+15555550123", "+*******0123")]
    [InlineData("+819012345678", "+********5678")]
    public async Task ResendConfirmationCode_PhoneNumberOnly_DestinationMaskedDigitByDigitAsCognito(string phone, string masked)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "pat", Password = TestPool.Password, UserAttributes = new[] { new { Name = "phone_number", Value = phone } } })).AssertOk();

        var resent = await pool.CallAsync("ResendConfirmationCode", new { pool.ClientId, Username = "pat" });

        resent.AssertOk();
        Assert.Equal(masked, resent.Get("CodeDeliveryDetails", "Destination"));
        Assert.Equal("SMS", resent.Get("CodeDeliveryDetails", "DeliveryMedium"));
        Assert.Equal("phone_number", resent.Get("CodeDeliveryDetails", "AttributeName"));
        Assert.Equal(phone, emulator.Inbox.LatestTo(phone)!.Destination);
    }

    [Fact]
    public async Task ForgotPassword_EmailDestination_MaskedWithoutTheTopLevelDomain()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        await pool.SignUpConfirmedAsync("tess", "tess@team.example.co.jp");

        var forgot = await pool.CallAsync("ForgotPassword", new { pool.ClientId, Username = "tess" });

        forgot.AssertOk();
        Assert.Equal("t***@t***", forgot.Get("CodeDeliveryDetails", "Destination"));
        Assert.Equal("tess@team.example.co.jp", emulator.Inbox.LatestTo("tess@team.example.co.jp")!.Destination);
    }

    [Fact]
    public async Task SignUp_TakenUsernameOrAdminOnlyPool_CognitosErrors()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        await pool.SignUpConfirmedAsync("dave", "dave@example.com");

        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "dave", Password = TestPool.Password })).AssertError("UsernameExistsException", "User already exists");
        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "dave2", Password = "short" })).AssertError("InvalidPasswordException");
        (await client.CallAsync("SignUp", new { emulator.ClientId, Username = "someone@example.com", Password = "Whatever123!" }))
            .AssertError("NotAuthorizedException", "SignUp is not permitted for this user pool");
    }

    [Fact]
    public async Task ForgotPassword_CodeInTheInbox_SetsTheNewPassword()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        await pool.SignUpConfirmedAsync("erin", "erin@example.com");

        var forgot = await pool.CallAsync("ForgotPassword", new { pool.ClientId, Username = "erin" });
        var code = emulator.Inbox.LatestTo("erin@example.com")!;
        (await pool.CallAsync("ConfirmForgotPassword", new { pool.ClientId, Username = "erin", ConfirmationCode = code.Code, Password = "weak" })).AssertError("InvalidPasswordException");
        (await pool.CallAsync("ConfirmForgotPassword", new { pool.ClientId, Username = "erin", ConfirmationCode = code.Code, Password = "N3w-passw0rd" })).AssertOk();

        forgot.AssertOk();
        Assert.Equal(InboxMessageKind.PasswordReset, code.Kind);
        (await pool.SignInAsync("erin")).AssertError("NotAuthorizedException", "Incorrect username or password.");
        (await pool.SignInAsync("erin", "N3w-passw0rd")).AssertOk();
    }

    [Fact]
    public async Task AdminResetUserPassword_SignInNeedsTheReset()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        await pool.SignUpConfirmedAsync("frank", "frank@example.com");

        (await client.CallAsync("AdminResetUserPassword", new { UserPoolId = pool.PoolId, Username = "frank" })).AssertOk();
        var blocked = await pool.SignInAsync("frank");
        var code = emulator.Inbox.LatestTo("frank@example.com")!.Code;
        (await pool.CallAsync("ConfirmForgotPassword", new { pool.ClientId, Username = "frank", ConfirmationCode = code, Password = "Reset-passw0rd" })).AssertOk();

        blocked.AssertError("PasswordResetRequiredException", "Password reset required for the user");
        (await pool.SignInAsync("frank", "Reset-passw0rd")).AssertOk();
        var user = await client.CallAsync("AdminGetUser", new { UserPoolId = pool.PoolId, Username = "frank" });
        Assert.Equal("CONFIRMED", user.Get("UserStatus"));
    }

    [Fact]
    public async Task AccessTokenOperations_GetUserChangePasswordUpdateAttributesDeleteUser()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        await pool.SignUpConfirmedAsync("gina", "gina@example.com");
        var token = TokenSet.From(await pool.SignInAsync("gina")).AccessToken;

        var user = await client.CallAsync("GetUser", new { AccessToken = token });
        (await client.CallAsync("ChangePassword", new { AccessToken = token, PreviousPassword = "Wrong-passw0rd", ProposedPassword = "Next-passw0rd" })).AssertError("NotAuthorizedException", "Incorrect username or password.");
        (await client.CallAsync("ChangePassword", new { AccessToken = token, PreviousPassword = TestPool.Password, ProposedPassword = "Next-passw0rd" })).AssertOk();
        (await client.CallAsync("UpdateUserAttributes", new { AccessToken = token, UserAttributes = new[] { new { Name = "name", Value = "Gina" }, new { Name = "email", Value = "gina@example.org" } } })).AssertOk();
        var updated = await client.CallAsync("AdminGetUser", new { UserPoolId = pool.PoolId, Username = "gina" });
        (await client.CallAsync("DeleteUser", new { AccessToken = token })).AssertOk();

        Assert.Equal("gina", user.Get("Username"));
        Assert.Contains(user.Json.GetProperty("UserAttributes").EnumerateArray(), a => a.GetProperty("Name").GetString() == "sub");
        var attributes = updated.Json.GetProperty("UserAttributes").EnumerateArray().ToDictionary(a => a.GetProperty("Name").GetString()!, a => a.GetProperty("Value").GetString());
        Assert.Equal("Gina", attributes["name"]);
        Assert.Equal("gina@example.org", attributes["email"]);
        Assert.Equal("false", attributes["email_verified"]);
        (await pool.SignInAsync("gina", "Next-passw0rd")).AssertError("UserNotFoundException", "User does not exist.");
        (await client.CallAsync("GetUser", new { AccessToken = token })).AssertError("NotAuthorizedException", "Access Token has been revoked");
    }

    [Fact]
    public async Task GetUser_AfterAdminUserGlobalSignOut_AccessTokenRevoked()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        await pool.SignUpConfirmedAsync("hank", "hank@example.com");
        var tokens = TokenSet.From(await pool.SignInAsync("hank"));

        (await client.CallAsync("AdminUserGlobalSignOut", new { UserPoolId = pool.PoolId, Username = "hank" })).AssertOk();

        (await client.CallAsync("GetUser", new { AccessToken = tokens.AccessToken })).AssertError("NotAuthorizedException", "Access Token has been revoked");
        (await client.RefreshAsync(tokens.RefreshToken!, pool.ClientId)).AssertError("NotAuthorizedException", "Refresh Token has been revoked");
    }

    [Fact]
    public async Task AdminCreateUser_WithoutSuppress_SendsTheTemporaryPasswordToTheInbox()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        (await client.CallAsync("AdminCreateUser", new { UserPoolId = emulator.UserPoolId, Username = "invited@example.com" })).AssertOk();
        var invitation = emulator.Inbox.LatestTo("invited@example.com")!;
        var challenge = await client.AdminInitiateAuthAsync("invited@example.com", invitation.Code);

        Assert.Equal(InboxMessageKind.TemporaryPassword, invitation.Kind);
        Assert.Equal("Your temporary password", invitation.Subject);
        Assert.Contains(invitation.Code, invitation.Body, StringComparison.Ordinal);
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.Get("ChallengeName"));
    }

    [Fact]
    public async Task Inbox_OverHttp_ListsFiltersAndClears()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "ivy", Password = TestPool.Password, UserAttributes = new[] { new { Name = "email", Value = "ivy@example.com" } } })).AssertOk();
        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "jay", Password = TestPool.Password, UserAttributes = new[] { new { Name = "email", Value = "jay@example.com" } } })).AssertOk();

        using var all = await client.GetAsync("_local/inbox");
        var ivyCode = emulator.Inbox.LatestTo("ivy@example.com")!.Code;
        using var ivy = await client.GetAsync("_local/inbox?to=IVY@example.com");
        var messages = JsonDocument.Parse(await ivy.Content.ReadAsStringAsync()).RootElement.GetProperty("messages");
        using var http = new HttpClient();
        using var cleared = await http.DeleteAsync(new Uri(emulator.CognitoEndpoint, "_local/inbox"));

        Assert.Equal(2, JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement.GetProperty("messages").GetArrayLength());
        var message = Assert.Single(messages.EnumerateArray());
        Assert.Equal("SignUpConfirmation", message.GetProperty("kind").GetString());
        Assert.Equal(pool.PoolId, message.GetProperty("userPoolId").GetString());
        Assert.Equal(ivyCode, message.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty(emulator.Inbox.Messages);
    }
}

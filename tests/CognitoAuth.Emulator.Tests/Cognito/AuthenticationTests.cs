using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Reference;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Cognito;

public sealed class AuthenticationTests
{
    private static readonly SeedUser Seed = ReferenceStack.TestUser;

    [Theory]
    [InlineData("ADMIN_USER_PASSWORD_AUTH")]
    [InlineData("ADMIN_NO_SRP_AUTH")]
    public async Task AdminInitiateAuth_SeedUserWithTemporaryPassword_ReturnsNewPasswordRequiredAsCognitoSendsIt(string flow)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword, flow: flow);

        response.AssertOk();
        Assert.Equal("NEW_PASSWORD_REQUIRED", response.Get("ChallengeName"));
        Assert.InRange(response.Get("Session").Length, 20, 2048);
        Assert.False(response.Json.TryGetProperty("AuthenticationResult", out _));
        var parameters = response.Json.GetProperty("ChallengeParameters");
        var realUsername = parameters.GetProperty("USER_ID_FOR_SRP").GetString()!;
        Assert.True(Guid.TryParse(realUsername, out _), $"USER_ID_FOR_SRP should be the UUID username, was {realUsername}");
        Assert.Equal("[]", parameters.GetProperty("requiredAttributes").GetString());
        var attributes = JsonDocument.Parse(parameters.GetProperty("userAttributes").GetString()!).RootElement;
        Assert.Equal(Seed.Username, attributes.GetProperty("email").GetString());
        Assert.Equal("true", attributes.GetProperty("email_verified").GetString());
        Assert.False(attributes.TryGetProperty("sub", out _));

        var user = await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username });
        Assert.Equal(realUsername, user.Get("Username"));
    }

    [Fact]
    public async Task InitiateAuth_UserPasswordAuthWithTemporaryPassword_ReturnsTheChallengeToo()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("InitiateAuth", PasswordAuth(emulator.ClientId, Seed.Username, Seed.TemporaryPassword));

        response.AssertOk();
        Assert.Equal("NEW_PASSWORD_REQUIRED", response.Get("ChallengeName"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RespondToAuthChallenge_NewPassword_ReturnsTokensAndConfirmsTheUser(bool admin)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var challenge = await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword);

        var response = await client.RespondNewPasswordAsync(challenge.Get("Session"), Seed.Username, Seed.NewPassword, admin: admin);

        response.AssertOk();
        var result = response.Json.GetProperty("AuthenticationResult");
        Assert.Equal(3600, result.GetProperty("ExpiresIn").GetInt32());
        Assert.Equal("Bearer", result.GetProperty("TokenType").GetString());
        Assert.StartsWith("eyJ", result.GetProperty("AccessToken").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("eyJ", result.GetProperty("IdToken").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, result.GetProperty("RefreshToken").GetString()!.Split('.').Length);
        var user = await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username });
        Assert.Equal("CONFIRMED", user.Get("UserStatus"));

        var again = await client.CallAsync("InitiateAuth", PasswordAuth(emulator.ClientId, Seed.Username, Seed.NewPassword));
        again.AssertOk();
        Assert.True(again.Json.TryGetProperty("AuthenticationResult", out _));
        var old = await client.CallAsync("InitiateAuth", PasswordAuth(emulator.ClientId, Seed.Username, Seed.TemporaryPassword));
        old.AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task RespondToAuthChallenge_SessionAlreadyUsed_IsRefused()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var session = (await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword)).Get("Session");
        (await client.RespondNewPasswordAsync(session, Seed.Username, Seed.NewPassword)).AssertOk();

        var reused = await client.RespondNewPasswordAsync(session, Seed.Username, "AnotherPass123!");

        reused.AssertError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
    }

    [Fact]
    public async Task RespondToAuthChallenge_AfterThreeMinutes_SessionIsExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var session = (await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword)).Get("Session");

        time.Advance(TimeSpan.FromMinutes(3));
        var response = await client.RespondNewPasswordAsync(session, Seed.Username, Seed.NewPassword);

        response.AssertError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    [Fact]
    public async Task RespondToAuthChallenge_PasswordBreaksPolicy_InvalidPasswordAndTheSessionCanBeRetried()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var session = (await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword)).Get("Session");

        var weak = await client.RespondNewPasswordAsync(session, Seed.Username, "alllowercase1!");

        weak.AssertError("InvalidPasswordException", "Password did not conform with policy: Password must have uppercase characters");
        (await client.RespondNewPasswordAsync(session, Seed.Username, Seed.NewPassword)).AssertOk();
    }

    [Fact]
    public async Task RespondToAuthChallenge_GarbageSessionOrAnotherUser_InvalidSession()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.CreateUser("other@example.com", "OtherPass123!");
        var session = (await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword)).Get("Session");

        var garbage = await client.RespondNewPasswordAsync(new string('x', 40), Seed.Username, Seed.NewPassword);
        var otherUser = await client.RespondNewPasswordAsync(session, "other@example.com", Seed.NewPassword);

        garbage.AssertError("NotAuthorizedException", "Invalid session for the user.");
        otherUser.AssertError("NotAuthorizedException", "Invalid session for the user.");
    }

    [Fact]
    public async Task RespondToAuthChallenge_MissingNewPassword_NamesTheParameter()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var session = (await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword)).Get("Session");

        var response = await client.CallAsync("RespondToAuthChallenge", new
        {
            ClientId = emulator.ClientId,
            ChallengeName = "NEW_PASSWORD_REQUIRED",
            Session = session,
            ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = Seed.Username },
        });

        response.AssertError("InvalidParameterException", "Missing required parameter NEW_PASSWORD");
    }

    [Fact]
    public async Task InitiateAuth_WrongPassword_IncorrectUsernameOrPassword()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("InitiateAuth", PasswordAuth(emulator.ClientId, Seed.Username, "WrongPass123!"));

        response.AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task InitiateAuth_UnknownUser_PreventUserExistenceErrorsDecidesTheAnswer()
    {
        var options = new CognitoEmulatorOptions();
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "revealing", PreventUserExistenceErrors = false });
        await using var emulator = await CognitoEmulator.StartAsync(options);
        using var client = new CognitoTestClient(emulator);

        var hidden = await client.CallAsync("InitiateAuth", PasswordAuth(emulator.ClientId, "nobody@example.com", "Whatever123!"));
        var revealed = await client.CallAsync("InitiateAuth", PasswordAuth(emulator.AdditionalClients[0].ClientId, "nobody@example.com", "Whatever123!"));
        var admin = await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = "nobody@example.com" });

        hidden.AssertError("NotAuthorizedException", "Incorrect username or password.");
        revealed.AssertError("UserNotFoundException", "User does not exist.");
        admin.AssertError("UserNotFoundException", "User does not exist.");
    }

    [Fact]
    public async Task AdminInitiateAuth_DisabledUser_UserIsDisabled()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        (await client.CallAsync("AdminDisableUser", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username })).AssertOk();

        var response = await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword);

        response.AssertError("NotAuthorizedException", "User is disabled.");
    }

    [Fact]
    public async Task AuthFlows_NotEnabledOnTheClient_AreRefusedWithCognitosMessages()
    {
        var options = new CognitoEmulatorOptions();
        var adminOnly = new EmulatorClientOptions { Name = "admin-only" };
        adminOnly.ExplicitAuthFlows.Clear();
        adminOnly.ExplicitAuthFlows.Add("ALLOW_ADMIN_USER_PASSWORD_AUTH");
        var publicOnly = new EmulatorClientOptions { Name = "public-only" };
        publicOnly.ExplicitAuthFlows.Clear();
        publicOnly.ExplicitAuthFlows.Add("ALLOW_USER_PASSWORD_AUTH");
        options.AdditionalClients.Add(adminOnly);
        options.AdditionalClients.Add(publicOnly);
        await using var emulator = await CognitoEmulator.StartAsync(options);
        using var client = new CognitoTestClient(emulator);

        var userPassword = await client.CallAsync("InitiateAuth", PasswordAuth(emulator.AdditionalClients[0].ClientId, Seed.Username, Seed.TemporaryPassword));
        var adminPassword = await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword, emulator.AdditionalClients[1].ClientId);
        var srp = await client.CallAsync("InitiateAuth", new { ClientId = emulator.AdditionalClients[0].ClientId, AuthFlow = "USER_SRP_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = Seed.Username, ["SRP_A"] = "abc" } });

        userPassword.AssertError("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client");
        adminPassword.AssertError("InvalidParameterException", "Auth flow not enabled for this client");
        srp.AssertError("InvalidParameterException", "USER_SRP_AUTH is not enabled for the client.");
    }

    [Fact]
    public async Task MachineClient_AllowsOnlyRefreshTokenAuth_AsTheStackDeploysIt_SoNoOneSignsInThroughIt()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var machine = emulator.MachineClient;
        var secretHash = TestSecretHash.Of(machine, Seed.Username);

        var described = await client.CallAsync("DescribeUserPoolClient", new { UserPoolId = emulator.UserPoolId, ClientId = machine.ClientId });
        var userPassword = await client.CallAsync("InitiateAuth", new
        {
            ClientId = machine.ClientId,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = Seed.Username, ["PASSWORD"] = Seed.TemporaryPassword, ["SECRET_HASH"] = secretHash },
        });
        var srp = await client.SrpInitiateAsync(new TestSrpClient(emulator.UserPoolId), Seed.Username, machine.ClientId, secretHash: secretHash);
        var adminPassword = await client.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = emulator.UserPoolId,
            ClientId = machine.ClientId,
            AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = Seed.Username, ["PASSWORD"] = Seed.TemporaryPassword, ["SECRET_HASH"] = secretHash },
        });

        described.AssertOk();
        Assert.Equal(["ALLOW_REFRESH_TOKEN_AUTH"], described.Json.GetProperty("UserPoolClient").GetProperty("ExplicitAuthFlows").EnumerateArray().Select(f => f.GetString()));
        userPassword.AssertError("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client");
        srp.AssertError("InvalidParameterException", "USER_SRP_AUTH is not enabled for the client.");
        adminPassword.AssertError("InvalidParameterException", "Auth flow not enabled for this client");
    }

    [Fact]
    public async Task InitiateAuth_AdminFlow_InitiateAuthMethodNotSupported()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var viaPublic = await client.CallAsync("InitiateAuth", new { ClientId = emulator.ClientId, AuthFlow = "ADMIN_USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string>() });
        var viaAdmin = await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword, flow: "USER_PASSWORD_AUTH");

        viaPublic.AssertError("InvalidParameterException", "Initiate Auth method not supported.");
        viaAdmin.AssertError("InvalidParameterException", "Initiate Auth method not supported.");
    }

    [Fact]
    public async Task AdminInitiateAuth_UnknownPoolOrClient_ResourceNotFound()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var pool = await client.CallAsync("AdminInitiateAuth", new { UserPoolId = "ap-northeast-1_Nope00000", ClientId = emulator.ClientId, AuthFlow = "ADMIN_USER_PASSWORD_AUTH" });
        var appClient = await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword, clientId: "nosuchclient");

        pool.AssertError("ResourceNotFoundException", "User pool ap-northeast-1_Nope00000 does not exist.");
        appClient.AssertError("ResourceNotFoundException", "User pool client nosuchclient does not exist.");
    }

    [Theory]
    [InlineData("USERNAME")]
    [InlineData("PASSWORD")]
    public async Task InitiateAuth_MissingAuthParameter_NamesIt(string missing)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var parameters = new Dictionary<string, string> { ["USERNAME"] = Seed.Username, ["PASSWORD"] = Seed.TemporaryPassword };
        parameters.Remove(missing);

        var response = await client.CallAsync("InitiateAuth", new { ClientId = emulator.ClientId, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = parameters });

        response.AssertError("InvalidParameterException", $"Missing required parameter {missing}");
    }

    [Fact]
    public async Task InitiateAuth_UnknownAuthFlow_FailsTheModelsEnumConstraint()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("InitiateAuth", new { ClientId = emulator.ClientId, AuthFlow = "PASSWORD" });

        response.AssertError("InvalidParameterException");
        Assert.StartsWith("1 validation error detected: Value 'PASSWORD' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminInitiateAuth_TemporaryPasswordOlderThanSevenDays_MustBeResetByAnAdministrator()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);

        time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var response = await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword);

        response.AssertError("NotAuthorizedException", "Temporary password has expired and must be reset by an administrator.");
    }

    [Theory]
    [InlineData("REFRESH_TOKEN_AUTH")]
    [InlineData("REFRESH_TOKEN")]
    public async Task InitiateAuth_RefreshToken_ReturnsNewAccessAndIdTokensButNoRefreshToken(string flow)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var first = await client.SignInSeedUserAsync();
        time.Advance(TimeSpan.FromMinutes(10));

        var response = await client.CallAsync("InitiateAuth", new
        {
            ClientId = emulator.ClientId,
            AuthFlow = flow,
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = first.RefreshToken! },
        });

        response.AssertOk();
        var refreshed = TokenSet.From(response);
        Assert.Null(refreshed.RefreshToken);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        var before = TokenForge.Payload(first.AccessToken);
        var after = TokenForge.Payload(refreshed.AccessToken);
        Assert.Equal(before.Seconds("auth_time"), after.Seconds("auth_time"));
        Assert.Equal(before.Text("origin_jti"), after.Text("origin_jti"));
        Assert.Equal(before.Seconds("iat") + 600, after.Seconds("iat"));
        Assert.NotEqual(before.Text("jti"), after.Text("jti"));
        Assert.Equal(TokenForge.Payload(first.IdToken).Text("origin_jti"), TokenForge.Payload(refreshed.IdToken).Text("origin_jti"));
    }

    [Fact]
    public async Task AdminInitiateAuth_RefreshToken_WorksThroughTheAdminOperationToo()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var first = await client.SignInSeedUserAsync();

        var response = await client.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = emulator.UserPoolId,
            ClientId = emulator.ClientId,
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = first.RefreshToken! },
        });

        response.AssertOk();
        Assert.Null(TokenSet.From(response).RefreshToken);
    }

    [Fact]
    public async Task InitiateAuth_RefreshTokenGarbageOrOfAnotherClient_InvalidRefreshToken()
    {
        var options = new CognitoEmulatorOptions();
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "other" });
        await using var emulator = await CognitoEmulator.StartAsync(options);
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        var garbage = await client.RefreshAsync("garbage");
        var otherClient = await client.RefreshAsync(tokens.RefreshToken!, emulator.AdditionalClients[0].ClientId);

        garbage.AssertError("NotAuthorizedException", "Invalid Refresh Token");
        otherClient.AssertError("NotAuthorizedException", "Invalid Refresh Token");
    }

    [Fact]
    public async Task InitiateAuth_RefreshTokenPastItsLifetime_HasExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        time.Advance(TimeSpan.FromDays(30));
        var response = await client.RefreshAsync(tokens.RefreshToken!);

        response.AssertError("NotAuthorizedException", "Refresh Token has expired");
    }

    [Fact]
    public async Task ClientWithSecret_SecretHash_IsRequiredAndChecked()
    {
        var options = new CognitoEmulatorOptions();
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "confidential", GenerateSecret = true });
        await using var emulator = await CognitoEmulator.StartAsync(options);
        using var client = new CognitoTestClient(emulator);
        var confidential = emulator.AdditionalClients[0];
        Assert.NotNull(confidential.ClientSecret);
        var username = emulator.CreateUser("secret@example.com", "SecretPass123!", permanent: true);

        var missing = await client.CallAsync("InitiateAuth", PasswordAuth(confidential.ClientId, "secret@example.com", "SecretPass123!"));
        var wrong = await client.CallAsync("InitiateAuth", PasswordAuth(confidential.ClientId, "secret@example.com", "SecretPass123!", "bm9wZQ=="));
        var right = await client.CallAsync("InitiateAuth", PasswordAuth(confidential.ClientId, "secret@example.com", "SecretPass123!", Hash(confidential, "secret@example.com")));

        missing.AssertError("NotAuthorizedException", $"Client {confidential.ClientId} is configured with secret but SECRET_HASH was not received");
        wrong.AssertError("NotAuthorizedException", $"Unable to verify secret hash for client {confidential.ClientId}");
        right.AssertOk();

        // The known trap: for REFRESH_TOKEN_AUTH the hash is over the real username (the UUID), not the email.
        var refreshToken = TokenSet.From(right).RefreshToken!;
        var byEmail = await client.RefreshAsync(refreshToken, confidential.ClientId, new() { ["SECRET_HASH"] = Hash(confidential, "secret@example.com") });
        var byUuid = await client.RefreshAsync(refreshToken, confidential.ClientId, new() { ["SECRET_HASH"] = Hash(confidential, username), ["USERNAME"] = username });
        byEmail.AssertError("NotAuthorizedException", $"Unable to verify secret hash for client {confidential.ClientId}");
        byUuid.AssertOk();
    }

    private static object PasswordAuth(string clientId, string username, string password, string? secretHash = null)
    {
        var parameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password };
        if (secretHash is not null)
        {
            parameters["SECRET_HASH"] = secretHash;
        }

        return new { ClientId = clientId, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = parameters };
    }

    private static string Hash(EmulatorAppClient client, string username) => TestSecretHash.Of(client, username);
}

using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Tests.Cognito;

public sealed class UserAdministrationTests
{
    private static readonly SeedUser Seed = ReferenceStack.TestUser;

    [Fact]
    public async Task AdminCreateUser_EmailAsUsername_CreatesAUuidUserWithTheEmailAsAttribute()
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SeedTestUser = false });
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("AdminCreateUser", new
        {
            UserPoolId = emulator.UserPoolId,
            Username = "new@example.com",
            TemporaryPassword = "TempPass123!",
            UserAttributes = new[] { new { Name = "email_verified", Value = "true" } },
            MessageAction = "SUPPRESS",
        });

        response.AssertOk();
        var user = response.Json.GetProperty("User");
        var username = user.GetProperty("Username").GetString()!;
        Assert.True(Guid.TryParse(username, out _), $"the real username should be a UUID, was {username}");
        var attributes = user.GetProperty("Attributes").EnumerateArray().ToDictionary(a => a.GetProperty("Name").GetString()!, a => a.GetProperty("Value").GetString());
        Assert.Equal(username, attributes["sub"]);
        Assert.Equal("new@example.com", attributes["email"]);
        Assert.Equal("true", attributes["email_verified"]);
        Assert.Equal("FORCE_CHANGE_PASSWORD", user.GetProperty("UserStatus").GetString());
        Assert.True(user.GetProperty("Enabled").GetBoolean());

        var signIn = await client.AdminInitiateAuthAsync("new@example.com", "TempPass123!");
        Assert.Equal(username, signIn.Json.GetProperty("ChallengeParameters").GetProperty("USER_ID_FOR_SRP").GetString());
    }

    [Fact]
    public async Task AdminCreateUser_EmailTaken_UsernameExists()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("AdminCreateUser", new { UserPoolId = emulator.UserPoolId, Username = "TestUser@Example.com" });

        response.AssertError("UsernameExistsException", "An account with the given email already exists.");
    }

    [Fact]
    public async Task AdminCreateUser_UsernameNotAnEmail_IsRefused()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("AdminCreateUser", new { UserPoolId = emulator.UserPoolId, Username = "testuser" });

        response.AssertError("InvalidParameterException", "Username should be an email.");
    }

    [Theory]
    [InlineData("Sh0rt!", "Password did not conform with policy: Password not long enough")]
    [InlineData("NOLOWERCASE1!", "Password did not conform with policy: Password must have lowercase characters")]
    [InlineData("nouppercase1!", "Password did not conform with policy: Password must have uppercase characters")]
    [InlineData("NoDigitsHere!", "Password did not conform with policy: Password must have numeric characters")]
    [InlineData("NoSymbols123", "Password did not conform with policy: Password must have symbol characters")]
    public async Task AdminCreateUser_TemporaryPasswordBreaksThePolicy_InvalidPassword(string password, string message)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("AdminCreateUser", new { UserPoolId = emulator.UserPoolId, Username = "weak@example.com", TemporaryPassword = password });

        response.AssertError("InvalidPasswordException");
        Assert.StartsWith(message, response.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("favourite_colour", "Attributes did not conform to the schema: favourite_colour: Attribute does not exist in the schema.")]
    [InlineData("sub", "Attributes did not conform to the schema: sub: Attribute cannot be updated.")]
    public async Task AdminCreateUser_AttributeOutsideTheSchema_IsRefused(string attribute, string message)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("AdminCreateUser", new
        {
            UserPoolId = emulator.UserPoolId,
            Username = "attrs@example.com",
            UserAttributes = new[] { new { Name = attribute, Value = "x" } },
        });

        response.AssertError("InvalidParameterException", message);
    }

    [Fact]
    public async Task AdminCreateUser_NoTemporaryPassword_GeneratesOneThatConforms()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("AdminCreateUser", new { UserPoolId = emulator.UserPoolId, Username = "generated@example.com" });

        response.AssertOk();
        Assert.Equal("FORCE_CHANGE_PASSWORD", response.Json.GetProperty("User").GetProperty("UserStatus").GetString());
    }

    [Fact]
    public async Task AdminGetUser_ByEmailOrByUuid_FindsTheSameUser()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var byEmail = await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username });
        var byUuid = await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = byEmail.Get("Username") });

        byEmail.AssertOk();
        byUuid.AssertOk();
        Assert.Equal(byEmail.Text, byUuid.Text);
        Assert.Equal("FORCE_CHANGE_PASSWORD", byEmail.Get("UserStatus"));
    }

    [Fact]
    public async Task AdminGetUser_OtherPool_ResourceNotFound()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("AdminGetUser", new { UserPoolId = "ap-northeast-1_Other0000", Username = Seed.Username });

        response.AssertError("ResourceNotFoundException", "User pool ap-northeast-1_Other0000 does not exist.");
    }

    [Fact]
    public async Task AdminSetUserPassword_Permanent_ConfirmsTheUserSoSignInReturnsTokens()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var set = await client.CallAsync("AdminSetUserPassword", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username, Password = "Permanent123!", Permanent = true });
        var signIn = await client.AdminInitiateAuthAsync(Seed.Username, "Permanent123!");

        set.AssertOk();
        Assert.Equal("{}", set.Text);
        signIn.AssertOk();
        Assert.NotNull(TokenSet.From(signIn).RefreshToken);
    }

    [Fact]
    public async Task AdminSetUserPassword_NotPermanent_PutsTheUserBackIntoForceChangePassword()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        await client.SignInSeedUserAsync();

        (await client.CallAsync("AdminSetUserPassword", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username, Password = "Temporary123!" })).AssertOk();
        var signIn = await client.AdminInitiateAuthAsync(Seed.Username, "Temporary123!");

        Assert.Equal("NEW_PASSWORD_REQUIRED", signIn.Get("ChallengeName"));
    }

    [Fact]
    public async Task AdminDisableUser_ThenEnable_SignInAndRefreshFollowTheUsersState()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        (await client.CallAsync("AdminDisableUser", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username })).AssertOk();
        var signIn = await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword);
        var refresh = await client.RefreshAsync(tokens.RefreshToken!);
        var user = await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username });

        signIn.AssertError("NotAuthorizedException", "User is disabled.");
        refresh.AssertError("NotAuthorizedException", "User is disabled.");
        Assert.False(user.Json.GetProperty("Enabled").GetBoolean());

        (await client.CallAsync("AdminEnableUser", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username })).AssertOk();
        (await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword)).AssertOk();
    }

    [Fact]
    public async Task AdminDeleteUser_UserIsGoneAndItsRefreshTokensStopWorking()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        var deleted = await client.CallAsync("AdminDeleteUser", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username });
        var get = await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username });
        var refresh = await client.RefreshAsync(tokens.RefreshToken!);
        var again = await client.CallAsync("AdminDeleteUser", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username });

        deleted.AssertOk();
        get.AssertError("UserNotFoundException", "User does not exist.");
        refresh.AssertError("NotAuthorizedException");
        again.AssertError("UserNotFoundException", "User does not exist.");
    }
}

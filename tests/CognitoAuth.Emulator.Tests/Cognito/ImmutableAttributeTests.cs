using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>
/// An attribute the schema declares <c>Mutable: false</c> is set when the user is created (AdminCreateUser, SignUp) and
/// never changed after: Cognito answers <c>user.NAME: Attribute cannot be updated.</c>, even for a user without a value.
/// </summary>
public sealed class ImmutableAttributeTests
{
    private const string Password = "Passw0rd!";

    [Fact]
    public async Task AdminCreateUser_SetsImmutableAttributes_ThenEveryUpdateIsRefusedAndChangesNothing()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var (poolId, clientId) = await CreatePoolAsync(client);

        (await client.CallAsync("AdminCreateUser", new
        {
            UserPoolId = poolId,
            Username = "ivy",
            TemporaryPassword = Password,
            MessageAction = "SUPPRESS",
            UserAttributes = new[] { new { Name = "custom:tenant", Value = "acme" }, new { Name = "nickname", Value = "Ivy" } },
        })).AssertOk();

        (await client.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = poolId,
            Username = "ivy",
            UserAttributes = new[] { new { Name = "name", Value = "Ivy I." }, new { Name = "custom:tenant", Value = "other" } },
        })).AssertError("InvalidParameterException", "user.custom:tenant: Attribute cannot be updated.\n");
        (await client.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = poolId,
            Username = "ivy",
            UserAttributes = new[] { new { Name = "nickname", Value = "I" }, new { Name = "custom:tenant", Value = "other" } },
        })).AssertError("InvalidParameterException", "user.nickname: Attribute cannot be updated.\nuser.custom:tenant: Attribute cannot be updated.\n");

        // NEW_PASSWORD_REQUIRED's attributes are an update too; the refused answer leaves the session usable.
        var challenge = await client.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = poolId,
            ClientId = clientId,
            AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "ivy", ["PASSWORD"] = Password },
        });
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.Get("ChallengeName"));
        var answer = new Dictionary<string, string> { ["USERNAME"] = "ivy", ["NEW_PASSWORD"] = "Next-passw0rd", ["userAttributes.custom:tenant"] = "other" };
        (await client.CallAsync("AdminRespondToAuthChallenge", new { UserPoolId = poolId, ClientId = clientId, ChallengeName = "NEW_PASSWORD_REQUIRED", ChallengeResponses = answer, Session = challenge.Get("Session") }))
            .AssertError("InvalidParameterException", "user.custom:tenant: Attribute cannot be updated.\n");
        answer.Remove("userAttributes.custom:tenant");
        var tokens = TokenSet.From(await client.CallAsync("AdminRespondToAuthChallenge", new { UserPoolId = poolId, ClientId = clientId, ChallengeName = "NEW_PASSWORD_REQUIRED", ChallengeResponses = answer, Session = challenge.Get("Session") }));

        (await client.CallAsync("UpdateUserAttributes", new { AccessToken = tokens.AccessToken, UserAttributes = new[] { new { Name = "custom:tenant", Value = "other" } } }))
            .AssertError("InvalidParameterException", "user.custom:tenant: Attribute cannot be updated.\n");
        (await client.CallAsync("UpdateUserAttributes", new { AccessToken = tokens.AccessToken, UserAttributes = new[] { new { Name = "name", Value = "Ivy" } } })).AssertOk();

        var attributes = await AttributesAsync(client, poolId, "ivy");
        Assert.Equal("acme", attributes["custom:tenant"]);
        Assert.Equal("Ivy", attributes["nickname"]);
        Assert.Equal("Ivy", attributes["name"]);
    }

    [Fact]
    public async Task SignUp_SetsAnImmutableAttribute_AndAUserWithoutOneCannotGainItLater()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var (poolId, clientId) = await CreatePoolAsync(client);

        (await client.CallAsync("SignUp", new { ClientId = clientId, Username = "jo", Password, UserAttributes = new[] { new { Name = "custom:tenant", Value = "acme" } } })).AssertOk();
        (await client.CallAsync("SignUp", new { ClientId = clientId, Username = "kim", Password })).AssertOk();

        (await client.CallAsync("AdminUpdateUserAttributes", new { UserPoolId = poolId, Username = "kim", UserAttributes = new[] { new { Name = "custom:tenant", Value = "acme" } } }))
            .AssertError("InvalidParameterException", "user.custom:tenant: Attribute cannot be updated.\n");

        Assert.Equal("acme", (await AttributesAsync(client, poolId, "jo"))["custom:tenant"]);
        Assert.False((await AttributesAsync(client, poolId, "kim")).ContainsKey("custom:tenant"));
    }

    [Fact]
    public async Task AdminDeleteUserAttributes_ImmutableAttribute_RefusedAndKept()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var (poolId, _) = await CreatePoolAsync(client);
        (await client.CallAsync("AdminCreateUser", new
        {
            UserPoolId = poolId,
            Username = "lou",
            MessageAction = "SUPPRESS",
            UserAttributes = new[] { new { Name = "custom:tenant", Value = "acme" }, new { Name = "name", Value = "Lou" } },
        })).AssertOk();

        var refused = await client.CallAsync("AdminDeleteUserAttributes", new { UserPoolId = poolId, Username = "lou", UserAttributeNames = new[] { "name", "custom:tenant" } });
        var mutable = await client.CallAsync("AdminDeleteUserAttributes", new { UserPoolId = poolId, Username = "lou", UserAttributeNames = new[] { "name" } });

        refused.AssertError("InvalidParameterException", "user.custom:tenant: Attribute cannot be updated.\n");
        mutable.AssertOk();
        var attributes = await AttributesAsync(client, poolId, "lou");
        Assert.Equal("acme", attributes["custom:tenant"]);
        Assert.False(attributes.ContainsKey("name"));
    }

    private static async Task<(string PoolId, string ClientId)> CreatePoolAsync(CognitoTestClient client)
    {
        var pool = await client.CallAsync("CreateUserPool", new
        {
            PoolName = "immutable",
            Policies = new { PasswordPolicy = new { MinimumLength = 8 } },
            Schema = new object[]
            {
                new { Name = "tenant", AttributeDataType = "String", Mutable = false },
                new { Name = "nickname", AttributeDataType = "String", Mutable = false },
            },
        });
        pool.AssertOk();
        var poolId = pool.Get("UserPool", "Id");
        var appClient = await client.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = poolId,
            ClientName = "immutable-client",
            ExplicitAuthFlows = new[] { "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        });
        appClient.AssertOk();
        return (poolId, appClient.Get("UserPoolClient", "ClientId"));
    }

    private static async Task<Dictionary<string, string?>> AttributesAsync(CognitoTestClient client, string poolId, string username)
    {
        var user = await client.CallAsync("AdminGetUser", new { UserPoolId = poolId, Username = username });
        user.AssertOk();
        return user.Json.GetProperty("UserAttributes").EnumerateArray().ToDictionary(a => a.GetProperty("Name").GetString()!, a => a.GetProperty("Value").GetString());
    }
}

using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>
/// What an app client's <c>ExplicitAuthFlows</c> let in, for clients created over the wire with the legacy names (which
/// name only what they add: SRP and refreshing were always allowed) and with the <c>ALLOW_</c> names.
/// </summary>
public sealed class ExplicitAuthFlowsTests
{
    private const string Password = "Legacy-passw0rd!";

    [Theory]
    [InlineData("ADMIN_NO_SRP_AUTH", "REFRESH_TOKEN_AUTH")]
    [InlineData("ADMIN_NO_SRP_AUTH", "REFRESH_TOKEN")]
    [InlineData("USER_PASSWORD_AUTH", "REFRESH_TOKEN_AUTH")]
    public async Task RefreshTokenAuth_ClientWithLegacyFlowNames_RefreshesAsCognitoAlwaysAllowed(string legacyFlow, string refreshFlow)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var clientId = await CreateClientAsync(client, emulator.UserPoolId, legacyFlow);
        await CreateUserAsync(client, emulator.UserPoolId, "lee@example.com");
        var signIn = legacyFlow == "ADMIN_NO_SRP_AUTH"
            ? await client.AdminInitiateAuthAsync("lee@example.com", Password, clientId, "ADMIN_NO_SRP_AUTH")
            : await client.CallAsync("InitiateAuth", new { ClientId = clientId, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "lee@example.com", ["PASSWORD"] = Password } });
        signIn.AssertOk();
        var refreshToken = TokenSet.From(signIn).RefreshToken!;

        var refreshed = await client.CallAsync("InitiateAuth", new { ClientId = clientId, AuthFlow = refreshFlow, AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refreshToken } });
        var adminRefreshed = await client.CallAsync("AdminInitiateAuth", new { emulator.UserPoolId, ClientId = clientId, AuthFlow = refreshFlow, AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refreshToken } });

        refreshed.AssertOk();
        adminRefreshed.AssertOk();
        Assert.Equal(clientId, TestPool.Claims(TokenSet.From(refreshed).AccessToken).GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task CreateUserPoolClient_AllowNamesWithoutRefreshAndNoRotation_RefusedAsCognito()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var clientId = await CreateClientAsync(client, emulator.UserPoolId, "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");

        var created = await client.CallAsync("CreateUserPoolClient", new { emulator.UserPoolId, ClientName = "no-refresh", ExplicitAuthFlows = new[] { "ALLOW_USER_SRP_AUTH" } });
        var updated = await client.CallAsync("UpdateUserPoolClient", new { emulator.UserPoolId, ClientId = clientId, ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH" } });
        var legacy = await client.CallAsync("UpdateUserPoolClient", new { emulator.UserPoolId, ClientId = clientId, ExplicitAuthFlows = new[] { "CUSTOM_AUTH_FLOW_ONLY" } });

        created.AssertError("InvalidParameterException", "REFRESH_TOKEN_AUTH should always be allowed.");
        updated.AssertError("InvalidParameterException", "REFRESH_TOKEN_AUTH should always be allowed.");
        legacy.AssertOk();
        Assert.Equal(["CUSTOM_AUTH_FLOW_ONLY"], legacy.Json.GetProperty("UserPoolClient").GetProperty("ExplicitAuthFlows").EnumerateArray().Select(f => f.GetString()));
    }

    private static async Task<string> CreateClientAsync(CognitoTestClient client, string poolId, params string[] flows)
    {
        var created = await client.CallAsync("CreateUserPoolClient", new { UserPoolId = poolId, ClientName = "flows-" + string.Join('-', flows).ToLowerInvariant(), ExplicitAuthFlows = flows });
        created.AssertOk();
        return created.Get("UserPoolClient", "ClientId");
    }

    private static async Task CreateUserAsync(CognitoTestClient client, string poolId, string username)
    {
        (await client.CallAsync("AdminCreateUser", new { UserPoolId = poolId, Username = username, MessageAction = "SUPPRESS" })).AssertOk();
        (await client.CallAsync("AdminSetUserPassword", new { UserPoolId = poolId, Username = username, Password, Permanent = true })).AssertOk();
    }
}

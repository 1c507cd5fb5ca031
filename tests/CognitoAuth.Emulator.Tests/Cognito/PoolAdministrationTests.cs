using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>Many pools, each with its own id, issuer and key; app clients, domains and resource servers with Cognito's rules.</summary>
public sealed class PoolAdministrationTests
{
    [Fact]
    public async Task CreateUserPool_TwoPools_EachSignsWithItsOwnKeyAndIssuer()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var first = await TestPool.CreateAsync(client, "first");
        var second = await TestPool.CreateAsync(client, "second");
        await first.SignUpConfirmedAsync("ann", "ann@example.com");
        await second.SignUpConfirmedAsync("ann", "ann@example.org");

        var firstToken = TokenSet.From(await first.SignInAsync("ann")).AccessToken;
        var secondToken = TokenSet.From(await second.SignInAsync("ann")).AccessToken;

        Assert.Matches("^ap-northeast-1_[0-9A-Za-z]{9}$", first.PoolId);
        Assert.NotEqual(first.PoolId, second.PoolId);
        Assert.Equal($"{emulator.CognitoEndpoint.AbsoluteUri.TrimEnd('/')}/{first.PoolId}", TokenForge.Payload(firstToken)["iss"]!.GetValue<string>());
        Assert.Equal($"{emulator.CognitoEndpoint.AbsoluteUri.TrimEnd('/')}/{second.PoolId}", TokenForge.Payload(secondToken)["iss"]!.GetValue<string>());
        Assert.NotEqual(TokenForge.Header(firstToken)["kid"]!.GetValue<string>(), TokenForge.Header(secondToken)["kid"]!.GetValue<string>());
        using var jwks = await client.GetAsync($"{second.PoolId}/.well-known/jwks.json");
        var kid = JsonDocument.Parse(await jwks.Content.ReadAsStringAsync()).RootElement.GetProperty("keys")[0].GetProperty("kid").GetString();
        Assert.Equal(TokenForge.Header(secondToken)["kid"]!.GetValue<string>(), kid);

        // Same username, different pools, different users; each token reads its own pool's user.
        var firstUser = await client.CallAsync("GetUser", new { AccessToken = firstToken });
        Assert.Contains(firstUser.Json.GetProperty("UserAttributes").EnumerateArray(), a => a.GetProperty("Value").GetString() == "ann@example.com");
        var secondUser = await client.CallAsync("GetUser", new { AccessToken = secondToken });
        Assert.Contains(secondUser.Json.GetProperty("UserAttributes").EnumerateArray(), a => a.GetProperty("Value").GetString() == "ann@example.org");
    }

    [Fact]
    public async Task ListUserPools_Paginates_AndDescribeCountsUsers()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var made = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            made.Add((await TestPool.CreateAsync(client, $"p{i}")).PoolId);
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await client.CallAsync("ListUserPools", token is null ? new { MaxResults = 2 } : new { MaxResults = 2, NextToken = token });
            page.AssertOk();
            seen.AddRange(page.Json.GetProperty("UserPools").EnumerateArray().Select(p => p.GetProperty("Id").GetString()!));
            token = page.Json.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal([emulator.UserPoolId, .. made], seen);
        var described = await client.CallAsync("DescribeUserPool", new { UserPoolId = emulator.UserPoolId });
        Assert.Equal(1, described.Json.GetProperty("UserPool").GetProperty("EstimatedNumberOfUsers").GetInt32());
        Assert.Equal("OPTIONAL", described.Json.GetProperty("UserPool").GetProperty("MfaConfiguration").GetString());
        Assert.Equal(["email"], described.Json.GetProperty("UserPool").GetProperty("UsernameAttributes").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task DeleteUserPool_WithADomainOrProtection_IsRefused_ThenDeletesAndForgetsItsClients()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        (await client.CallAsync("CreateUserPoolDomain", new { UserPoolId = pool.PoolId, Domain = "team-login" })).AssertOk();
        (await client.CallAsync("UpdateUserPool", new { UserPoolId = pool.PoolId, DeletionProtection = "ACTIVE" })).AssertOk();

        (await client.CallAsync("DeleteUserPool", new { UserPoolId = pool.PoolId })).AssertError("InvalidParameterException",
            "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.");
        (await client.CallAsync("UpdateUserPool", new { UserPoolId = pool.PoolId, DeletionProtection = "INACTIVE" })).AssertOk();
        (await client.CallAsync("DeleteUserPool", new { UserPoolId = pool.PoolId })).AssertError("InvalidParameterException",
            "User pool cannot be deleted. It has a domain configured that should be deleted first.");
        (await client.CallAsync("DeleteUserPoolDomain", new { UserPoolId = pool.PoolId, Domain = "team-login" })).AssertOk();
        (await client.CallAsync("DeleteUserPool", new { UserPoolId = pool.PoolId })).AssertOk();

        (await client.CallAsync("DescribeUserPool", new { UserPoolId = pool.PoolId })).AssertError("ResourceNotFoundException", $"User pool {pool.PoolId} does not exist.");
        (await pool.SignInAsync("nobody")).AssertError("ResourceNotFoundException", $"User pool client {pool.ClientId} does not exist.");
        var domain = await client.CallAsync("DescribeUserPoolDomain", new { Domain = "team-login" });
        Assert.Empty(domain.Json.GetProperty("DomainDescription").EnumerateObject());
    }

    [Fact]
    public async Task UpdateUserPool_ResetsWhatItIsNotGiven_AsCognitoDoes()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);

        (await client.CallAsync("UpdateUserPool", new { UserPoolId = pool.PoolId, MfaConfiguration = "OFF" })).AssertOk();

        var described = (await client.CallAsync("DescribeUserPool", new { UserPoolId = pool.PoolId })).Json.GetProperty("UserPool");
        var policy = described.GetProperty("Policies").GetProperty("PasswordPolicy");
        Assert.True(policy.GetProperty("RequireUppercase").GetBoolean());
        Assert.False(described.TryGetProperty("AutoVerifiedAttributes", out _));
        (await pool.CallAsync("SignUp", new { pool.ClientId, Username = "weak", Password = "passw0rd!" })).AssertError("InvalidPasswordException",
            "Password did not conform with policy: Password must have uppercase characters");
    }

    [Fact]
    public async Task CreateUserPoolClient_Defaults_AreCognitosAndTheSecretIsDescribed()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var created = await client.CallAsync("CreateUserPoolClient", new { UserPoolId = emulator.UserPoolId, ClientName = "defaults", GenerateSecret = true });
        var described = await client.CallAsync("DescribeUserPoolClient", new { UserPoolId = emulator.UserPoolId, ClientId = created.Get("UserPoolClient", "ClientId") });

        var c = described.Json.GetProperty("UserPoolClient");
        Assert.Equal(created.Get("UserPoolClient", "ClientSecret"), c.GetProperty("ClientSecret").GetString());
        Assert.Matches("^[a-z0-9]{51}$", c.GetProperty("ClientSecret").GetString());
        Assert.Equal(["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"], c.GetProperty("ExplicitAuthFlows").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(30, c.GetProperty("RefreshTokenValidity").GetInt32());
        Assert.Equal(60, c.GetProperty("AccessTokenValidity").GetInt32());
        Assert.Equal("minutes", c.GetProperty("TokenValidityUnits").GetProperty("AccessToken").GetString());
        Assert.Equal("LEGACY", c.GetProperty("PreventUserExistenceErrors").GetString());
        Assert.True(c.GetProperty("EnableTokenRevocation").GetBoolean());
    }

    [Fact]
    public async Task CreateUserPoolClient_ClientSecretGiven_IsTheSecretAndAShortOneIsRefusedUnquoted()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var chosen = "Chosen_secret+" + new string('9', 20);

        var created = await client.CallAsync("CreateUserPoolClient", new { UserPoolId = emulator.UserPoolId, ClientName = "imported", ClientSecret = chosen });
        var tooShort = await client.CallAsync("CreateUserPoolClient", new { UserPoolId = emulator.UserPoolId, ClientName = "short", ClientSecret = "short-and-secret" });

        created.AssertOk();
        Assert.Equal(chosen, created.Get("UserPoolClient", "ClientSecret"));
        tooShort.AssertError("InvalidParameterException");
        Assert.Contains("'clientSecret'", tooShort.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-and-secret", tooShort.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUserPool_FeaturePlan_DefaultsToEssentialsAndUpdateUserPoolKeepsItAndTheNameUnlessGiven()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var poolId = (await client.CallAsync("CreateUserPool", new { PoolName = "plan" })).Get("UserPool", "Id");

        var before = (await client.CallAsync("DescribeUserPool", new { UserPoolId = poolId })).Json.GetProperty("UserPool");
        (await client.CallAsync("UpdateUserPool", new { UserPoolId = poolId })).AssertOk();
        var kept = (await client.CallAsync("DescribeUserPool", new { UserPoolId = poolId })).Json.GetProperty("UserPool");
        (await client.CallAsync("UpdateUserPool", new { UserPoolId = poolId, PoolName = "renamed", UserPoolTier = "PLUS" })).AssertOk();
        var changed = (await client.CallAsync("DescribeUserPool", new { UserPoolId = poolId })).Json.GetProperty("UserPool");

        Assert.Equal("ESSENTIALS", before.GetProperty("UserPoolTier").GetString());
        Assert.Equal(("plan", "ESSENTIALS"), (kept.GetProperty("Name").GetString(), kept.GetProperty("UserPoolTier").GetString()));
        Assert.Equal(("renamed", "PLUS"), (changed.GetProperty("Name").GetString(), changed.GetProperty("UserPoolTier").GetString()));
        (await client.CallAsync("CreateUserPool", new { PoolName = "bad", UserPoolTier = "GOLD" })).AssertError("InvalidParameterException");
    }

    [Fact]
    public async Task DescribeUserPoolClient_InProcessLifetimesOfSeconds_ReportedInSeconds()
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { AccessTokenLifetime = TimeSpan.FromSeconds(30), RefreshTokenLifetime = TimeSpan.FromHours(2) });
        using var client = new CognitoTestClient(emulator);

        var described = await client.CallAsync("DescribeUserPoolClient", new { UserPoolId = emulator.UserPoolId, ClientId = emulator.ClientId });

        described.AssertOk();
        BotocoreModel.AssertConformsToOutput("DescribeUserPoolClient", described.Json);
        var c = described.Json.GetProperty("UserPoolClient");
        Assert.Equal(30, c.GetProperty("AccessTokenValidity").GetInt32());
        Assert.Equal("seconds", c.GetProperty("TokenValidityUnits").GetProperty("AccessToken").GetString());
        Assert.Equal(60, c.GetProperty("IdTokenValidity").GetInt32());
        Assert.Equal(2, c.GetProperty("RefreshTokenValidity").GetInt32());
        Assert.Equal("hours", c.GetProperty("TokenValidityUnits").GetProperty("RefreshToken").GetString());
    }

    [Theory]
    [InlineData(false, "client_credentials", "cognito-auth-api/hello.read", "InvalidOAuthFlowException", "client_credentials flow can not be selected if client does not have a client secret.")]
    [InlineData(true, "client_credentials,code", "cognito-auth-api/hello.read", "InvalidOAuthFlowException", "client_credentials flow can not be selected along with code flow or implicit flow.")]
    [InlineData(true, "client_credentials", "cognito-auth-api/nope", "ScopeDoesNotExistException", "Invalid scope requested: cognito-auth-api/nope")]
    public async Task CreateUserPoolClient_OAuthRulesBroken_CognitosError(bool secret, string flows, string scopes, string error, string message)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = emulator.UserPoolId,
            ClientName = "machine",
            GenerateSecret = secret,
            AllowedOAuthFlows = flows.Split(','),
            AllowedOAuthScopes = scopes.Split(','),
            AllowedOAuthFlowsUserPoolClient = true,
            CallbackURLs = new[] { "https://example.com/cb" },
        });

        response.AssertError(error, message);
    }

    [Fact]
    public async Task ResourceServers_CreateDescribeListUpdateDelete()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = emulator.UserPoolId;

        (await client.CallAsync("CreateResourceServer", new { UserPoolId = pool, Identifier = "orders", Name = "Orders", Scopes = new[] { new { ScopeName = "read", ScopeDescription = "Read" } } })).AssertOk();
        (await client.CallAsync("CreateResourceServer", new { UserPoolId = pool, Identifier = "orders", Name = "Orders" })).AssertError("InvalidParameterException");
        (await client.CallAsync("UpdateResourceServer", new { UserPoolId = pool, Identifier = "orders", Name = "Orders v2", Scopes = new[] { new { ScopeName = "write", ScopeDescription = "Write" } } })).AssertOk();

        var listed = await client.CallAsync("ListResourceServers", new { UserPoolId = pool, MaxResults = 10 });
        Assert.Equal(["cognito-auth-api", "orders"], listed.Json.GetProperty("ResourceServers").EnumerateArray().Select(r => r.GetProperty("Identifier").GetString()));
        var described = await client.CallAsync("DescribeResourceServer", new { UserPoolId = pool, Identifier = "orders" });
        Assert.Equal("write", described.Json.GetProperty("ResourceServer").GetProperty("Scopes")[0].GetProperty("ScopeName").GetString());
        (await client.CallAsync("DeleteResourceServer", new { UserPoolId = pool, Identifier = "orders" })).AssertOk();
        (await client.CallAsync("DescribeResourceServer", new { UserPoolId = pool, Identifier = "orders" })).AssertError("ResourceNotFoundException");
    }

    [Theory]
    [InlineData("Has-Upper")]
    [InlineData("my-cognito-login")]
    public async Task CreateUserPoolDomain_BadPrefix_InvalidParameter(string domain)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);

        (await client.CallAsync("CreateUserPoolDomain", new { UserPoolId = pool.PoolId, Domain = domain })).AssertError("InvalidParameterException");
    }
}

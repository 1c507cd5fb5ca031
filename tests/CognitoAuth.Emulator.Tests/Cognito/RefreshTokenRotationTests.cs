using CognitoAuth.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>
/// Refresh-token rotation per app client (<c>RefreshTokenRotation</c>) and <c>GetTokensFromRefreshToken</c>: a new refresh
/// token each time on a rotating client, none on others; the rotated-out token works only within the grace period; a
/// rotating client cannot allow <c>REFRESH_TOKEN_AUTH</c>; revocation ends the whole rotated family.
/// </summary>
public sealed class RefreshTokenRotationTests
{
    private const string ReuseError = "RefreshTokenReuseException";

    [Fact]
    public async Task GetTokensFromRefreshToken_ClientWithoutRotation_NewAccessAndIdTokensNoRefreshTokenAndTheOldOneKeepsWorking()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        var first = await GetTokensAsync(client, tokens.RefreshToken!, emulator.ClientId);
        var second = await GetTokensAsync(client, tokens.RefreshToken!, emulator.ClientId);

        first.AssertOk();
        second.AssertOk();
        var result = first.Json.GetProperty("AuthenticationResult");
        Assert.False(result.TryGetProperty("RefreshToken", out _));
        Assert.Equal(3600, result.GetProperty("ExpiresIn").GetInt32());
        Assert.Equal("Bearer", result.GetProperty("TokenType").GetString());
        Assert.Equal(
            TokenForge.Payload(tokens.AccessToken)["origin_jti"]!.GetValue<string>(),
            TokenForge.Payload(result.GetProperty("AccessToken").GetString()!)["origin_jti"]!.GetValue<string>());
        (await client.RefreshAsync(tokens.RefreshToken!)).AssertOk();
    }

    [Fact]
    public async Task GetTokensFromRefreshToken_RotatingClient_NewRefreshTokenEachTimeAndTheOldOneOnlyWithinTheGracePeriod()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions
        {
            TimeProvider = time,
            RefreshTokenRotation = true,
            RefreshTokenRotationGracePeriod = TimeSpan.FromSeconds(10),
        });
        using var client = new CognitoTestClient(emulator);
        var original = (await client.SignInSeedUserAsync()).RefreshToken!;

        var rotated = await GetTokensAsync(client, original, emulator.ClientId);
        rotated.AssertOk();
        var next = rotated.Get("AuthenticationResult", "RefreshToken");
        Assert.NotEqual(original, next);
        Assert.Equal(5, next.Split('.').Length);

        // A retry with the old token inside the grace period is answered (with yet another refresh token) …
        time.Advance(TimeSpan.FromSeconds(9));
        var retry = await GetTokensAsync(client, original, emulator.ClientId);
        retry.AssertOk();
        Assert.NotEqual(next, retry.Get("AuthenticationResult", "RefreshToken"));

        // … after it, the old token is refused, and the rotated ones go on.
        time.Advance(TimeSpan.FromSeconds(1));
        (await GetTokensAsync(client, original, emulator.ClientId)).AssertError(ReuseError);
        var again = await GetTokensAsync(client, next, emulator.ClientId);
        again.AssertOk();
        (await GetTokensAsync(client, again.Get("AuthenticationResult", "RefreshToken"), emulator.ClientId)).AssertOk();
    }

    [Fact]
    public async Task GetTokensFromRefreshToken_GracePeriodZero_TheRotatedOutTokenIsRefusedAtOnce()
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { RefreshTokenRotation = true, RefreshTokenRotationGracePeriod = TimeSpan.Zero });
        using var client = new CognitoTestClient(emulator);
        var original = (await client.SignInSeedUserAsync()).RefreshToken!;

        (await GetTokensAsync(client, original, emulator.ClientId)).AssertOk();

        (await GetTokensAsync(client, original, emulator.ClientId)).AssertError(ReuseError);
    }

    [Fact]
    public async Task GetTokensFromRefreshToken_RotatedToken_ExpiresWhenTheOriginalWouldHave()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions
        {
            TimeProvider = time,
            RefreshTokenLifetime = TimeSpan.FromHours(2),
            RefreshTokenRotation = true,
        });
        using var client = new CognitoTestClient(emulator);
        var original = (await client.SignInSeedUserAsync()).RefreshToken!;
        time.Advance(TimeSpan.FromMinutes(90));
        var rotated = (await GetTokensAsync(client, original, emulator.ClientId)).Get("AuthenticationResult", "RefreshToken");

        time.Advance(TimeSpan.FromMinutes(29));
        var stillValid = await GetTokensAsync(client, rotated, emulator.ClientId);
        time.Advance(TimeSpan.FromMinutes(1));

        stillValid.AssertOk();
        (await GetTokensAsync(client, stillValid.Get("AuthenticationResult", "RefreshToken"), emulator.ClientId))
            .AssertError("NotAuthorizedException", "Refresh Token has expired");
    }

    [Theory]
    [InlineData("InitiateAuth")]
    [InlineData("AdminInitiateAuth")]
    public async Task RefreshTokenAuth_RotatingClient_RefusedAsAFlowTheClientCannotAllow(string operation)
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { RefreshTokenRotation = true });
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();
        var parameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = tokens.RefreshToken! };

        var response = operation == "InitiateAuth"
            ? await client.CallAsync(operation, new { ClientId = emulator.ClientId, AuthFlow = "REFRESH_TOKEN_AUTH", AuthParameters = parameters })
            : await client.CallAsync(operation, new { UserPoolId = emulator.UserPoolId, ClientId = emulator.ClientId, AuthFlow = "REFRESH_TOKEN_AUTH", AuthParameters = parameters });

        response.AssertError("InvalidParameterException", "Auth flow not enabled for this client");
        var described = await client.CallAsync("DescribeUserPoolClient", new { UserPoolId = emulator.UserPoolId, ClientId = emulator.ClientId });
        var appClient = described.Json.GetProperty("UserPoolClient");
        Assert.DoesNotContain("ALLOW_REFRESH_TOKEN_AUTH", appClient.GetProperty("ExplicitAuthFlows").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("ENABLED", appClient.GetProperty("RefreshTokenRotation").GetProperty("Feature").GetString());
        Assert.Equal(10, appClient.GetProperty("RefreshTokenRotation").GetProperty("RetryGracePeriodSeconds").GetInt32());
    }

    [Fact]
    public async Task RevokeToken_LatestRotatedToken_EndsTheWholeFamilyAndItsAccessTokens()
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { RefreshTokenRotation = true, RefreshTokenRotationGracePeriod = TimeSpan.FromSeconds(60) });
        using var client = new CognitoTestClient(emulator);
        var signIn = await client.SignInSeedUserAsync();
        var rotated = await GetTokensAsync(client, signIn.RefreshToken!, emulator.ClientId);
        var other = TokenSet.From(await client.AdminInitiateAuthAsync("testuser@example.com", "NewSecurePass123!"));

        (await client.CallAsync("RevokeToken", new { Token = rotated.Get("AuthenticationResult", "RefreshToken"), ClientId = emulator.ClientId })).AssertOk();

        (await GetTokensAsync(client, signIn.RefreshToken!, emulator.ClientId)).AssertError("NotAuthorizedException", "Refresh Token has been revoked");
        (await client.CallAsync("GetUser", new { AccessToken = rotated.Get("AuthenticationResult", "AccessToken") }))
            .AssertError("NotAuthorizedException", "Access Token has been revoked");
        (await GetTokensAsync(client, other.RefreshToken!, emulator.ClientId)).AssertOk();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GlobalSignOut_AfterRotation_EveryTokenOfEveryFamilyIsRevoked(bool admin)
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { RefreshTokenRotation = true, RefreshTokenRotationGracePeriod = TimeSpan.FromSeconds(60) });
        using var client = new CognitoTestClient(emulator);
        var signIn = await client.SignInSeedUserAsync();
        var rotated = await GetTokensAsync(client, signIn.RefreshToken!, emulator.ClientId);
        var latest = rotated.Get("AuthenticationResult", "RefreshToken");

        var signOut = admin
            ? await client.CallAsync("AdminUserGlobalSignOut", new { UserPoolId = emulator.UserPoolId, Username = "testuser@example.com" })
            : await client.CallAsync("GlobalSignOut", new { AccessToken = rotated.Get("AuthenticationResult", "AccessToken") });

        signOut.AssertOk();
        (await GetTokensAsync(client, signIn.RefreshToken!, emulator.ClientId)).AssertError("NotAuthorizedException", "Refresh Token has been revoked");
        (await GetTokensAsync(client, latest, emulator.ClientId)).AssertError("NotAuthorizedException", "Refresh Token has been revoked");
    }

    [Fact]
    public async Task GetTokensFromRefreshToken_ClientWithSecret_TakesTheRawClientSecretNotASecretHash()
    {
        var options = new CognitoEmulatorOptions();
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "confidential", GenerateSecret = true, RefreshTokenRotation = true });
        await using var emulator = await CognitoEmulator.StartAsync(options);
        using var client = new CognitoTestClient(emulator);
        var confidential = emulator.AdditionalClients[0];
        var username = emulator.CreateUser("secret@example.com", "SecretPass123!", permanent: true);
        var signIn = await client.AdminInitiateAuthAsync("secret@example.com", "SecretPass123!", confidential.ClientId);
        Assert.Equal("NotAuthorizedException", signIn.ErrorType); // no SECRET_HASH
        var hash = TestSecretHash.Of(confidential, username);
        var tokens = TokenSet.From(await client.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = emulator.UserPoolId,
            ClientId = confidential.ClientId,
            AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "secret@example.com", ["PASSWORD"] = "SecretPass123!", ["SECRET_HASH"] = hash },
        }));

        var without = await client.CallAsync("GetTokensFromRefreshToken", new { RefreshToken = tokens.RefreshToken, ClientId = confidential.ClientId });
        var wrong = await client.CallAsync("GetTokensFromRefreshToken", new { RefreshToken = tokens.RefreshToken, ClientId = confidential.ClientId, ClientSecret = new string('x', 51) });
        var right = await client.CallAsync("GetTokensFromRefreshToken", new { RefreshToken = tokens.RefreshToken, ClientId = confidential.ClientId, ClientSecret = confidential.ClientSecret });

        without.AssertError("NotAuthorizedException", $"Client {confidential.ClientId} is configured with secret but ClientSecret was not received");
        wrong.AssertError("NotAuthorizedException", $"Unable to verify client secret for client {confidential.ClientId}");
        right.AssertOk();
        Assert.NotEqual(tokens.RefreshToken, right.Get("AuthenticationResult", "RefreshToken"));
        Assert.DoesNotContain(confidential.ClientSecret!, without.Text + wrong.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokensFromRefreshToken_UnknownTokenOrAnotherClientsToken_InvalidRefreshToken()
    {
        var options = new CognitoEmulatorOptions();
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "other" });
        await using var emulator = await CognitoEmulator.StartAsync(options);
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        (await GetTokensAsync(client, "not.a.known.refresh.token", emulator.ClientId)).AssertError("NotAuthorizedException", "Invalid Refresh Token");
        (await GetTokensAsync(client, tokens.RefreshToken!, emulator.AdditionalClients[0].ClientId)).AssertError("NotAuthorizedException", "Invalid Refresh Token");
        (await GetTokensAsync(client, tokens.RefreshToken!, "nosuchclient")).AssertError("ResourceNotFoundException");
        (await client.CallAsync("GetTokensFromRefreshToken", new { ClientId = emulator.ClientId }))
            .AssertError("InvalidParameterException", "1 validation error detected: Value null at 'refreshToken' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task CreateUserPoolClient_RotationWithRefreshTokenAuth_RefusedWithAwsMessage()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = emulator.UserPoolId,
            ClientName = "rotating",
            ExplicitAuthFlows = new[] { "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
            RefreshTokenRotation = new { Feature = "ENABLED", RetryGracePeriodSeconds = 30 },
        });

        response.AssertError("InvalidParameterException", "ALLOW_REFRESH_TOKEN_AUTH is not a permitted ExplicitAuthFlow when refresh token rotation is enabled.");
    }

    [Fact]
    public async Task CreateUserPoolClient_RotationWithoutFlows_DefaultFlowsLeaveRefreshTokenAuthOutAndDescribeEchoesIt()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var created = await client.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = emulator.UserPoolId,
            ClientName = "rotating",
            RefreshTokenRotation = new { Feature = "ENABLED", RetryGracePeriodSeconds = 30 },
        });

        created.AssertOk();
        var appClient = created.Json.GetProperty("UserPoolClient");
        Assert.Equal(["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH"], appClient.GetProperty("ExplicitAuthFlows").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("ENABLED", appClient.GetProperty("RefreshTokenRotation").GetProperty("Feature").GetString());
        Assert.Equal(30, appClient.GetProperty("RefreshTokenRotation").GetProperty("RetryGracePeriodSeconds").GetInt32());
    }

    [Fact]
    public async Task DescribeUserPoolClient_NeverConfigured_RotationDisabledWithZeroGrace()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var described = await client.CallAsync("DescribeUserPoolClient", new { UserPoolId = emulator.UserPoolId, ClientId = emulator.ClientId });

        var rotation = described.Json.GetProperty("UserPoolClient").GetProperty("RefreshTokenRotation");
        Assert.Equal("DISABLED", rotation.GetProperty("Feature").GetString());
        Assert.Equal(0, rotation.GetProperty("RetryGracePeriodSeconds").GetInt32());
    }

    [Theory]
    [InlineData("""{"RetryGracePeriodSeconds": 5}""", "Value null at 'refreshTokenRotation.feature' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"Feature": "SOMETIMES"}""", "Value 'SOMETIMES' at 'refreshTokenRotation.feature' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]")]
    [InlineData("""{"Feature": "ENABLED", "RetryGracePeriodSeconds": 61}""", "Value '61' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value less than or equal to 60")]
    [InlineData("""{"Feature": "ENABLED", "RetryGracePeriodSeconds": -1}""", "Value '-1' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value greater than or equal to 0")]
    public async Task CreateUserPoolClient_BadRotation_ValidationError(string rotation, string error)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("CreateUserPoolClient", $$"""{"UserPoolId": "{{emulator.UserPoolId}}", "ClientName": "bad", "RefreshTokenRotation": {{rotation}}}""");

        response.AssertError("InvalidParameterException", $"1 validation error detected: {error}");
    }

    [Fact]
    public async Task UpdateUserPoolClient_WithoutRotation_KeepsItAndDisabledTurnsItOffWithZeroGrace()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var created = await client.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = emulator.UserPoolId,
            ClientName = "rotating",
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH" },
            RefreshTokenRotation = new { Feature = "ENABLED", RetryGracePeriodSeconds = 20 },
        });
        var clientId = created.Get("UserPoolClient", "ClientId");

        var kept = await client.CallAsync("UpdateUserPoolClient", new { UserPoolId = emulator.UserPoolId, ClientId = clientId, ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH" } });
        var conflicting = await client.CallAsync("UpdateUserPoolClient", new { UserPoolId = emulator.UserPoolId, ClientId = clientId, ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" } });
        var off = await client.CallAsync("UpdateUserPoolClient", new
        {
            UserPoolId = emulator.UserPoolId,
            ClientId = clientId,
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
            RefreshTokenRotation = new { Feature = "DISABLED", RetryGracePeriodSeconds = 20 },
        });

        Assert.Equal(20, kept.Json.GetProperty("UserPoolClient").GetProperty("RefreshTokenRotation").GetProperty("RetryGracePeriodSeconds").GetInt32());
        conflicting.AssertError("InvalidParameterException", "ALLOW_REFRESH_TOKEN_AUTH is not a permitted ExplicitAuthFlow when refresh token rotation is enabled.");
        off.AssertOk();
        var rotation = off.Json.GetProperty("UserPoolClient").GetProperty("RefreshTokenRotation");
        Assert.Equal("DISABLED", rotation.GetProperty("Feature").GetString());
        Assert.Equal(0, rotation.GetProperty("RetryGracePeriodSeconds").GetInt32());
    }

    [Fact]
    public async Task StartAsync_GracePeriodOutOfRange_ClearArgumentError()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            CognitoEmulator.StartAsync(new CognitoEmulatorOptions { RefreshTokenRotation = true, RefreshTokenRotationGracePeriod = TimeSpan.FromSeconds(61) }));

        Assert.Contains("RefreshTokenRotationGracePeriod must be whole seconds from 0 to 60", error.Message, StringComparison.Ordinal);
    }

    private static Task<CognitoResponse> GetTokensAsync(CognitoTestClient client, string refreshToken, string clientId) =>
        client.CallAsync("GetTokensFromRefreshToken", new { RefreshToken = refreshToken, ClientId = clientId });
}

using System.Net;
using CognitoAuth.Client;
using CognitoAuth.Emulator;
using CognitoAuth.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The whole product on loopback: CognitoAuth.Client ⇄ the emulator's Cognito endpoint (SigV4-verified admin calls) and its
/// HTTP API front (JWT authorizer) ⇄ the real Lambda handler — the seed's flow, both sign-in flows, refresh, and the 401 path.
/// </summary>
public sealed class EndToEndTests
{
    private const string Hello = "Hello from a protected API!";

    [Theory]
    [InlineData(CognitoAuthFlow.AdminUserPassword, "AdminInitiateAuth", "AdminRespondToAuthChallenge")]
    [InlineData(CognitoAuthFlow.UserPassword, "InitiateAuth", "RespondToAuthChallenge")]
    public async Task SeedFlow_TemporaryPassword_ChallengeThenHello(CognitoAuthFlow flow, string initiate, string respond)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o => o.AuthFlow = flow);

        var answer = await client.Http.GetStringAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(Hello, answer);
        Assert.Equal(1, emulator.CognitoRequests[initiate]);
        Assert.Equal(1, emulator.CognitoRequests[respond]);
        Assert.Equal(2, emulator.CognitoRequests.Total);

        // A second call is served from the cache: no further Cognito call.
        Assert.Equal(Hello, await client.Http.GetStringAsync(new Uri("hello", UriKind.Relative)));
        Assert.Equal(2, emulator.CognitoRequests.Total);
    }

    [Fact]
    public async Task Me_AccessToken_ShowsTheRealCognitoUsernameAndClient()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator);

        var me = System.Text.Json.JsonDocument.Parse(await client.Http.GetStringAsync(new Uri("me", UriKind.Relative))).RootElement;

        Assert.Equal("access", me.GetProperty("token_use").GetString());
        Assert.Equal(emulator.ClientId, me.GetProperty("client_id").GetString());
        Assert.True(Guid.TryParse(me.GetProperty("username").GetString(), out _), "email-as-username pools name users by a UUID");
    }

    [Fact]
    public async Task Me_IdTokenType_SendsTheIdToken()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o => o.TokenType = CognitoTokenType.Id);

        var me = System.Text.Json.JsonDocument.Parse(await client.Http.GetStringAsync(new Uri("me", UriKind.Relative))).RootElement;

        Assert.Equal("id", me.GetProperty("token_use").GetString());
        Assert.Equal(emulator.ClientId, me.GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task Refresh_ShortLivedTokens_RefreshTokenAuthBeforeExpiry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions
        {
            TimeProvider = clock,
            SignatureTimeProvider = clock,
            AccessTokenLifetime = TimeSpan.FromMinutes(5),
            IdTokenLifetime = TimeSpan.FromMinutes(5),
        });
        await using var client = await ClientHost.StartAsync(emulator, o => o.RefreshBefore = TimeSpan.FromMinutes(1), clock);
        var first = await client.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);

        clock.Advance(TimeSpan.FromMinutes(3.5));
        Assert.Equal(Hello, await client.Http.GetStringAsync(new Uri("hello", UriKind.Relative)));
        Assert.Equal(1, emulator.CognitoRequests["AdminInitiateAuth"]); // still cached: no refresh yet

        clock.Advance(TimeSpan.FromMinutes(0.75)); // 45 s left: inside RefreshBefore
        Assert.Equal(Hello, await client.Http.GetStringAsync(new Uri("hello", UriKind.Relative)));
        var renewed = await client.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);

        Assert.Equal(2, emulator.CognitoRequests["AdminInitiateAuth"]); // the sign-in, then REFRESH_TOKEN_AUTH
        Assert.Equal(1, emulator.CognitoRequests["AdminRespondToAuthChallenge"]);
        Assert.NotEqual(first.AccessToken, renewed.AccessToken);
        Assert.Equal(first.RefreshToken, renewed.RefreshToken);
    }

    [Fact]
    public async Task Unauthorized_ApiRejectsACachedToken_RenewsOnceAndRetriesOnce()
    {
        // The API's clock runs ahead of the client's (clock skew): the client's cached token looks fresh to the client
        // but has expired for the authorizer. The client must renew once and retry once.
        var apiClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var clientClock = new FakeTimeProvider(apiClock.GetUtcNow());
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = apiClock, SignatureTimeProvider = clientClock });
        await using var client = await ClientHost.StartAsync(emulator, clock: clientClock);
        Assert.Equal(Hello, await client.Http.GetStringAsync(new Uri("hello", UriKind.Relative)));

        apiClock.Advance(TimeSpan.FromMinutes(61));
        using var response = await client.Http.GetAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Hello, await response.Content.ReadAsStringAsync());
        Assert.Equal(3, emulator.ApiRequests.Total); // 200, 401, 200
        Assert.Equal(2, emulator.CognitoRequests["AdminInitiateAuth"]); // sign-in, then one renewal (REFRESH_TOKEN_AUTH)
    }

    [Fact]
    public async Task ClientSecret_EmailAliasUser_SignInAndRefreshUseTheRightSecretHash()
    {
        var options = new CognitoEmulatorOptions();
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "with-secret", GenerateSecret = true, AcceptedByApi = true });
        await using var emulator = await CognitoEmulator.StartAsync(options);
        var secretClient = Assert.Single(emulator.AdditionalClients);
        await using var client = await ClientHost.StartAsync(emulator, o =>
        {
            o.ClientId = secretClient.ClientId;
            o.ClientSecret = secretClient.ClientSecret;
        });

        Assert.Equal(Hello, await client.Http.GetStringAsync(new Uri("hello", UriKind.Relative)));
        // Refresh hashes Cognito's real user name (a UUID), not the e-mail the user signed in with: the emulator checks.
        var renewed = await client.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName, forceRenewal: true);

        Assert.True(Guid.TryParse(renewed.Username, out _));
        Assert.Equal(2, emulator.CognitoRequests["AdminInitiateAuth"]);
        Assert.Equal(Hello, await client.Http.GetStringAsync(new Uri("hello", UriKind.Relative)));
    }

    [Fact]
    public async Task WrongPassword_OneCognitoCallNoRetryTypedError()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o =>
        {
            o.Password = "Wrong-Pass-999!";
            o.NewPassword = null;
        });

        var exception = await Assert.ThrowsAsync<CognitoException>(() => client.Http.GetStringAsync(new Uri("hello", UriKind.Relative)));

        Assert.Equal(CognitoErrorCodes.NotAuthorized, exception.ErrorCode);
        Assert.False(exception.IsRetryable);
        Assert.NotNull(exception.RequestId);
        Assert.Equal(1, emulator.CognitoRequests.Total);
        Assert.Equal(0, emulator.ApiRequests.Total);
    }

    [Fact]
    public async Task NoNewPassword_TemporaryPassword_ClearErrorNamingTheKey()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o => o.NewPassword = null);

        var exception = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => client.Http.GetStringAsync(new Uri("hello", UriKind.Relative)));

        Assert.Contains("NewPassword", exception.Message, StringComparison.Ordinal);
        Assert.Equal("NEW_PASSWORD_REQUIRED", exception.ChallengeName);
        Assert.Equal(0, emulator.ApiRequests.Total);
    }

    [Fact]
    public async Task CreateUser_ThenSignIn_NewUserCompletesTheSeedFlow()
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SeedTestUser = false });
        await using var client = await ClientHost.StartAsync(emulator, o => o.Username = "new-user@example.com");

        await client.Services.GetRequiredService<ICognitoUserCreator>().CreateUserAsync(
            CognitoApiClientOptions.DefaultName, "new-user@example.com", "TempPass123!", new Dictionary<string, string> { ["email"] = "new-user@example.com" });

        Assert.Equal(Hello, await client.Http.GetStringAsync(new Uri("hello", UriKind.Relative)));
        Assert.Equal(1, emulator.CognitoRequests["AdminCreateUser"]);
    }

    [Fact]
    public async Task FullFlow_CapturedLogs_HoldNoSecret()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator);
        await client.Http.GetStringAsync(new Uri("hello", UriKind.Relative));
        var tokens = await client.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName, forceRenewal: true);

        var logs = string.Join('\n', client.Logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception} {string.Join(' ', r.StructuredState?.Select(kv => kv.Value) ?? [])}"));

        Assert.NotEmpty(client.Logs.GetSnapshot());
        foreach (var secret in new[] { "TempPass123!", "NewSecurePass123!", tokens.AccessToken, tokens.IdToken!, tokens.RefreshToken!, emulator.Credentials.SecretAccessKey })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CognitoAuth.Client;
using CognitoAuth.Emulator;
using CognitoAuth.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// What happens to a running client when the account or its tokens change under it, on one fake clock shared by client,
/// tokens, authorizer and SigV4: a revoked or expired refresh token leads to a full sign-in; a user disabled or deleted
/// meanwhile is a clear, typed error — never a request without a token, never a loop — and the next call after the
/// user is restored succeeds; an API that keeps answering 401 gets one renewal and one retry per request.
/// </summary>
public sealed class RecoveryTests
{
    private const string Hello = "Hello from a protected API!";
    private const string SignIn = "AdminInitiateAuth"; // sign-ins and REFRESH_TOKEN_AUTH alike
    private static readonly Uri HelloPath = new("hello", UriKind.Relative);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan IntoTheRefreshWindow = TimeSpan.FromMinutes(4.5); // RefreshBefore is one minute

    [Fact]
    public async Task RefreshToken_RevokedElsewhere_FullSignInAndTheRequestSucceeds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await StartAsync(clock);
        await stack.Client.Http.GetStringAsync(HelloPath);
        var first = await stack.Client.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);
        await RevokeAsync(stack.Emulator, first.RefreshToken!);

        clock.Advance(IntoTheRefreshWindow);
        var answer = await stack.Client.Http.GetStringAsync(HelloPath);

        Assert.Equal(Hello, answer);
        Assert.Equal(3, stack.Calls(SignIn)); // sign-in, the refused refresh, the new sign-in
        var renewed = await stack.Client.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);
        Assert.NotEqual(first.RefreshToken, renewed.RefreshToken);
        Assert.Contains(stack.Client.Logs.GetSnapshot(), r => r.Id.Name == "RefreshTokenRejected");
    }

    [Fact]
    public async Task RefreshToken_Expired_FullSignInAndTheRequestSucceeds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await StartAsync(clock, refreshTokenLifetime: TimeSpan.FromMinutes(8));
        await stack.Client.Http.GetStringAsync(HelloPath);

        clock.Advance(IntoTheRefreshWindow);
        await stack.Client.Http.GetStringAsync(HelloPath); // refreshed with the refresh token
        clock.Advance(IntoTheRefreshWindow);               // nine minutes in: the refresh token has expired
        var answer = await stack.Client.Http.GetStringAsync(HelloPath);

        Assert.Equal(Hello, answer);
        Assert.Equal(4, stack.Calls(SignIn)); // sign-in, refresh, the refused refresh, the new sign-in
        Assert.Equal(3, stack.Emulator.ApiRequests.Total);
    }

    [Fact]
    public async Task Refresh_ThrottledOnce_RetriedAfterABackoffWithoutFallingBackToASignIn()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await StartAsync(clock);
        await stack.Client.Http.GetStringAsync(HelloPath);
        var first = await stack.Client.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);
        stack.Emulator.Faults.Enqueue(SignIn, CognitoFault.Throttle());

        clock.Advance(IntoTheRefreshWindow);
        var call = stack.Client.Http.GetStringAsync(HelloPath);
        await Eventually.AdvanceUntilAsync(clock, () => stack.Calls(SignIn) == 3, "the refresh retried after its backoff");

        Assert.Equal(Hello, await call);
        var renewed = await stack.Client.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);
        Assert.Equal(first.RefreshToken, renewed.RefreshToken); // refreshed, not signed in again
        Assert.NotEqual(first.AccessToken, renewed.AccessToken);
    }

    [Fact]
    public async Task User_DisabledMeanwhile_ClearTypedErrorWithoutASendThenRecoversOnceEnabled()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await StartAsync(clock);
        await stack.Client.Http.GetStringAsync(HelloPath);
        stack.Emulator.DisableUser(EmulatedStack.Username);

        clock.Advance(IntoTheRefreshWindow);
        var first = await Assert.ThrowsAsync<CognitoException>(() => stack.Client.Http.GetStringAsync(HelloPath));
        var second = await Assert.ThrowsAsync<CognitoException>(() => stack.Client.Http.GetStringAsync(HelloPath));

        foreach (var exception in new[] { first, second })
        {
            Assert.Equal(CognitoErrorCodes.NotAuthorized, exception.ErrorCode);
            Assert.StartsWith("User is disabled.", exception.Message, StringComparison.Ordinal);
            Assert.False(exception.IsRetryable);
            stack.Client.AssertNoSecretIn(exception);
        }

        Assert.Equal("User is disabled.", first.Message); // the real error first
        Assert.Equal(1 + 2, stack.Calls(SignIn)); // the refused refresh and one sign-in; the second request paused (FailureBackoff)
        Assert.Equal(1, stack.Emulator.ApiRequests.Total); // nothing was sent without a token

        stack.Emulator.EnableUser(EmulatedStack.Username);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Hello, await stack.Client.Http.GetStringAsync(HelloPath));
        Assert.Equal(5, stack.Calls(SignIn)); // disabling revoked the refresh token: refused, then a sign-in
    }

    [Fact]
    public async Task User_DeletedMeanwhile_ClearTypedErrorThenRecoversOnceRecreated()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await StartAsync(clock);
        await stack.Client.Http.GetStringAsync(HelloPath);
        stack.Emulator.DeleteUser(EmulatedStack.Username);

        clock.Advance(IntoTheRefreshWindow);
        var exception = await Assert.ThrowsAsync<CognitoException>(() => stack.Client.Http.GetStringAsync(HelloPath));

        // The reference app client prevents user-existence errors, as Cognito's default does.
        Assert.Equal(CognitoErrorCodes.NotAuthorized, exception.ErrorCode);
        Assert.Equal("Incorrect username or password.", exception.Message);
        Assert.Equal(3, stack.Calls(SignIn));
        stack.Client.AssertNoSecretIn(exception);

        stack.Emulator.CreateUser(EmulatedStack.Username, EmulatedStack.Password, permanent: true);
        clock.Advance(TimeSpan.FromSeconds(5)); // past FailureBackoff
        Assert.Equal(Hello, await stack.Client.Http.GetStringAsync(HelloPath));
        Assert.Equal(5, stack.Calls(SignIn)); // the old refresh token died with the user: refused, then a sign-in
    }

    [Fact]
    public async Task Api_Keeps401_OneRenewalAndOneRetryPerRequestThenThe401()
    {
        // The API's authorizer does not accept this app client's tokens, so every token is refused.
        var options = new CognitoEmulatorOptions { SeedTestUser = false };
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "not-an-api-audience", AcceptedByApi = false });
        await using var emulator = await CognitoEmulator.StartAsync(options);
        emulator.CreateUser(EmulatedStack.Username, EmulatedStack.Password, permanent: true);
        await using var client = await ClientHost.StartAsync(emulator, o =>
        {
            o.ClientId = emulator.AdditionalClients[0].ClientId;
            o.Username = EmulatedStack.Username;
            o.Password = EmulatedStack.Password;
        });

        using var first = await client.Http.GetAsync(HelloPath);
        using var second = await client.Http.GetAsync(HelloPath);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal("""{"message":"Unauthorized"}""", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(4, emulator.ApiRequests["GET /hello"]); // two tries per request
        Assert.Equal(3, emulator.CognitoRequests[SignIn]); // one sign-in, then one renewal per request
    }

    private static Task<EmulatedStack> StartAsync(FakeTimeProvider clock, TimeSpan? refreshTokenLifetime = null) =>
        EmulatedStack.StartAsync(
            emulator: o =>
            {
                o.AccessTokenLifetime = Lifetime;
                o.IdTokenLifetime = Lifetime;
                o.RefreshTokenLifetime = refreshTokenLifetime ?? o.RefreshTokenLifetime;
            },
            client: o => o.RefreshBefore = TimeSpan.FromMinutes(1),
            clock: clock);

    /// <summary>Revokes a refresh token as another process (or an administrator) would: RevokeToken, straight on the wire.</summary>
    private static async Task RevokeAsync(CognitoEmulator emulator, string refreshToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.CognitoEndpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { Token = refreshToken, emulator.ClientId })),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.RevokeToken");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

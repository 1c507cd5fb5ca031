using System.Net;
using CognitoAuth.Client;
using CognitoAuth.Emulator;
using CognitoAuth.IntegrationTests.Infrastructure;
using CognitoAuth.Reference;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The machine-to-machine path end to end: <see cref="CognitoAuthFlow.ClientCredentials"/> against the emulator's token
/// endpoint and its JWT authorizer's route scopes — the reference stack's machine client, resource server and
/// <c>GET /scoped/hello</c>.
/// </summary>
public sealed class MachineToMachineTests
{
    private static readonly Uri ScopedHello = new("scoped/hello", UriKind.Relative);

    [Fact]
    public async Task MachineToken_ScopedRoute_AnswersHello()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o => Machine(o, emulator, ReferenceStack.HelloReadScope));

        Assert.Equal("Hello from a protected API!", await client.Http.GetStringAsync(ScopedHello));
        Assert.Equal("Hello from a protected API!", await client.Http.GetStringAsync(new Uri("hello", UriKind.Relative)));

        var tokens = await client.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);
        Assert.Null(tokens.RefreshToken);
        Assert.Null(tokens.IdToken);
        Assert.Equal(emulator.MachineClient.ClientId, Jwt.Claim(tokens.AccessToken, "sub"));
        Assert.Equal(ReferenceStack.HelloReadScope, Jwt.Claim(tokens.AccessToken, "scope"));
        Assert.Equal(1, emulator.CognitoRequests["oauth2/token"]); // one token for both routes and the provider
        Assert.Equal(1, emulator.CognitoRequests.Total); // no user API call
    }

    [Fact]
    public async Task MachineClient_NoTokenEndpointConfigured_FindsItInThePoolsOpenIdConfiguration()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o =>
        {
            Machine(o, emulator, scopes: null);
            o.TokenEndpoint = null;
        });

        Assert.Equal("Hello from a protected API!", await client.Http.GetStringAsync(ScopedHello));
    }

    [Fact]
    public async Task UserToken_ScopedRoute_IsForbiddenAsApiGatewayAnswersAndNotRetried()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator);

        using var response = await client.Http.GetAsync(ScopedHello);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"Forbidden"}""", await response.Content.ReadAsStringAsync());
        Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, emulator.CognitoRequests["AdminInitiateAuth"]); // a 403 is the API's verdict on the scope: no renewal
    }

    [Fact]
    public async Task MachineClient_ScopeItIsNotAllowed_TypedInvalidScopeError()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o => Machine(o, emulator, "cognito-auth-api/hello.write"));

        var error = await Assert.ThrowsAsync<CognitoException>(() => client.Http.GetStringAsync(ScopedHello));

        Assert.Equal("invalid_scope", error.ErrorCode);
        Assert.False(error.IsRetryable);
        client.AssertNoSecretIn(error);
    }

    [Theory]
    [InlineData(CognitoTokenEndpointAuthMethod.ClientSecretBasic)]
    [InlineData(CognitoTokenEndpointAuthMethod.ClientSecretPost)]
    public async Task MachineClient_WrongSecret_TypedInvalidClientErrorOnce(CognitoTokenEndpointAuthMethod method)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o =>
        {
            Machine(o, emulator, ReferenceStack.HelloReadScope);
            o.ClientSecret = "not-the-secret";
            o.TokenEndpointAuthMethod = method;
        });

        var error = await Assert.ThrowsAsync<CognitoException>(() => client.Http.GetStringAsync(ScopedHello));
        var paused = await Assert.ThrowsAsync<CognitoException>(() => client.Http.GetStringAsync(ScopedHello));

        Assert.Equal("invalid_client", error.ErrorCode);
        Assert.Equal("invalid_client", paused.ErrorCode);
        Assert.Equal(0, emulator.ApiRequests.Total);
    }

    private static void Machine(CognitoApiClientOptions options, CognitoEmulator emulator, string? scopes)
    {
        options.AuthFlow = CognitoAuthFlow.ClientCredentials;
        options.ClientId = emulator.MachineClient.ClientId;
        options.ClientSecret = emulator.MachineClient.ClientSecret;
        options.Username = null;
        options.Password = null;
        options.NewPassword = null;
        options.Scopes = scopes;
        options.TokenEndpoint = emulator.TokenEndpoint;
    }
}

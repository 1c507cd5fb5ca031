using System.Net;
using System.Text;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Tests.Cognito;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Tests.Authentication;

/// <summary>
/// <see cref="CognitoAuthFlow.ClientCredentials"/> against a stub token endpoint on the real wire layer: the request as
/// Cognito documents it, OAuth errors as typed errors (never retried; 5xx and 429 are), discovery, caching per scope set,
/// renewal by asking again, and no secret or token in the logs.
/// </summary>
public sealed class ClientCredentialsFlowTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;
    private const string Secret = "machine-client-secret-value";
    private static readonly Uri TokenEndpoint = new("https://cauth-ref.auth.ap-northeast-1.amazoncognito.com/oauth2/token");
    private static readonly Uri Hello = new("hello", UriKind.Relative);

    [Fact]
    public async Task GetAsync_TheApi_SendsAMachineTokenGotWithClientSecretBasic()
    {
        using var machine = new Machine();
        using var http = machine.Harness.CreateHttpClient();

        await http.GetStringAsync(Hello);

        var call = Assert.Single(machine.Endpoint.Requests);
        Assert.Equal(HttpMethod.Post, call.Method);
        Assert.Equal(TokenEndpoint, call.Uri);
        Assert.Equal("application/x-www-form-urlencoded", call.Header("Content-Type"));
        Assert.Equal("grant_type=client_credentials&scope=cognito-auth-api%2Fhello.read", call.BodyText);
        Assert.Equal($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeCognito.ClientId}:{Secret}"))}", call.Header("Authorization"));
        Assert.Equal(machine.IssuedTokens[0], Assert.Single(machine.Harness.Api.Requests).Token);
        Assert.Empty(machine.Harness.Cognito.Calls); // no Cognito user API, no AWS credentials
    }

    [Fact]
    public async Task GetTokens_ClientSecretPost_SendsTheCredentialsInTheBody()
    {
        using var machine = new Machine(o => o.TokenEndpointAuthMethod = CognitoTokenEndpointAuthMethod.ClientSecretPost);

        await machine.Harness.Tokens.GetTokensAsync(Name);

        var call = Assert.Single(machine.Endpoint.Requests);
        Assert.Null(call.Header("Authorization"));
        Assert.Equal($"grant_type=client_credentials&scope=cognito-auth-api%2Fhello.read&client_id={FakeCognito.ClientId}&client_secret={Secret}", call.BodyText);
    }

    [Fact]
    public async Task GetTokens_NoScopes_AsksWithoutScopeAndGetsAnAccessTokenOnly()
    {
        using var machine = new Machine(o => o.Scopes = null);

        var tokens = await machine.Harness.Tokens.GetTokensAsync(Name);

        Assert.Equal("grant_type=client_credentials", Assert.Single(machine.Endpoint.Requests).BodyText);
        Assert.Null(tokens.IdToken);
        Assert.Null(tokens.RefreshToken);
        Assert.Null(tokens.Username);
        Assert.Equal(machine.Harness.Time.GetUtcNow() + TimeSpan.FromHours(1), tokens.ExpiresAt);
    }

    [Fact]
    public async Task GetTokens_ScopesInAnotherOrder_ShareOneTokenPerScopeSet()
    {
        using var machine = new Machine(
            o => o.Scopes = "b/two a/one",
            s =>
            {
                s.AddCognitoApiClient("same-scopes", o => Configure(o, "a/one  b/two a/one"));
                s.AddCognitoApiClient("other-scopes", o => Configure(o, "a/one"));
            });

        var first = await machine.Harness.Tokens.GetTokensAsync(Name);
        var same = await machine.Harness.Tokens.GetTokensAsync("same-scopes");
        var other = await machine.Harness.Tokens.GetTokensAsync("other-scopes");

        Assert.Equal(first.AccessToken, same.AccessToken);
        Assert.NotEqual(first.AccessToken, other.AccessToken);
        Assert.Equal(["grant_type=client_credentials&scope=a%2Fone+b%2Ftwo", "grant_type=client_credentials&scope=a%2Fone"], machine.Endpoint.Requests.Select(r => r.BodyText));
    }

    [Fact]
    public async Task GetTokens_DueForRenewal_AsksAgainRefreshBeforeExpiry()
    {
        using var machine = new Machine();
        var first = await machine.Harness.Tokens.GetTokensAsync(Name);

        machine.Harness.Time.SetUtcNow(first.ExpiresAt - TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1));
        Assert.Equal(first.AccessToken, (await machine.Harness.Tokens.GetTokensAsync(Name)).AccessToken);
        machine.Harness.Time.SetUtcNow(first.ExpiresAt - TimeSpan.FromMinutes(1));
        var renewed = await machine.Harness.Tokens.GetTokensAsync(Name);

        Assert.NotEqual(first.AccessToken, renewed.AccessToken);
        Assert.Equal(2, machine.Endpoint.Calls);
    }

    [Fact]
    public async Task GetAsync_ApiAnswers401_RenewsOnceByAskingAgainAndRetries()
    {
        using var machine = new Machine();
        using var http = machine.Harness.CreateHttpClient();
        machine.Harness.Api.Respond = _ => new HttpResponseMessage(machine.Harness.Api.Requests.Count == 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);

        using var response = await http.GetAsync(Hello);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(machine.IssuedTokens, machine.Harness.Api.Requests.Select(r => r.Token));
    }

    [Fact]
    public async Task GetTokens_ConcurrentCallers_OneTokenRequest()
    {
        using var machine = new Machine();

        var all = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => machine.Harness.Tokens.GetTokensAsync(Name))));

        Assert.Single(all.Select(t => t.AccessToken).Distinct());
        Assert.Equal(1, machine.Endpoint.Calls);
    }

    [Theory]
    [InlineData("invalid_client", HttpStatusCode.BadRequest)]
    [InlineData("invalid_client", HttpStatusCode.Unauthorized)]
    [InlineData("invalid_scope", HttpStatusCode.BadRequest)]
    [InlineData("unauthorized_client", HttpStatusCode.BadRequest)]
    [InlineData("unsupported_grant_type", HttpStatusCode.BadRequest)]
    [InlineData("invalid_request", HttpStatusCode.BadRequest)]
    public async Task GetTokens_OAuthError_IsTheTypedErrorWithItsCodeNeverRetriedAndPaused(string code, HttpStatusCode status)
    {
        using var machine = new Machine();
        machine.Endpoint.Always(status, $$"""{"error":"{{code}}","error_description":"Refused by the test."}""");

        var error = await Assert.ThrowsAsync<CognitoException>(() => machine.Harness.Tokens.GetTokensAsync(Name));
        var paused = await Assert.ThrowsAsync<CognitoException>(() => machine.Harness.Tokens.GetTokensAsync(Name));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("Refused by the test.", error.Message);
        Assert.Equal(status, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Equal(code, paused.ErrorCode);
        Assert.Equal(1, machine.Endpoint.Calls);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task GetTokens_ThrottledOrServerError_RetriedByTheBackChannelThenSucceeds(HttpStatusCode status)
    {
        using var machine = new Machine();
        var issue = machine.Endpoint.Respond;
        machine.Endpoint.Respond = (request, index, ct) => index < 2 ? Task.FromResult(StubHttpMessageHandler.Json(status, "{}")) : issue(request, index, ct);

        var tokens = await machine.Harness.Tokens.GetTokensAsync(Name);

        Assert.NotNull(tokens.AccessToken);
        Assert.Equal(3, machine.Endpoint.Calls);
    }

    [Fact]
    public async Task GetTokens_NoTokenEndpoint_DiscoversItFromThePoolsOpenIdConfigurationOnce()
    {
        using var machine = new Machine(o => o.TokenEndpoint = null, discovery: TokenEndpoint);

        await machine.Harness.Tokens.GetTokensAsync(Name);
        await machine.Harness.Tokens.GetTokensAsync(Name, forceRenewal: true);

        var calls = machine.Endpoint.Requests;
        Assert.Equal(
            [
                $"GET https://cognito-idp.ap-northeast-1.amazonaws.com/{FakeCognito.PoolId}/.well-known/openid-configuration",
                $"POST {TokenEndpoint}",
                $"POST {TokenEndpoint}",
            ],
            calls.Select(c => $"{c.Method} {c.Uri}"));
    }

    [Fact]
    public async Task GetTokens_PoolWithoutADomain_ClearErrorNamingTokenEndpoint()
    {
        using var machine = new Machine(o => o.TokenEndpoint = null, discovery: null);

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => machine.Harness.Tokens.GetTokensAsync(Name));

        Assert.Contains("token_endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("TokenEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ClientCredentials_SayWhichKeysTheFlowNeedsAndWhichItIgnores()
    {
        using var machine = new Machine(o =>
        {
            o.ClientSecret = null;
            o.TokenEndpoint = null;
            o.UserPoolId = null;
            o.Region = "ap-northeast-1";
            o.Username = "someone";
            o.Password = "Some-Pass-1!";
            o.TokenType = CognitoTokenType.Id;
        });

        var failures = Assert.Throws<OptionsValidationException>(() => machine.Harness.Tokens.GetTokensAsync(Name).GetAwaiter().GetResult()).Failures;

        Assert.Contains(failures, f => f.Contains("ClientSecret", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("TokenEndpoint", StringComparison.Ordinal) && f.Contains("UserPoolId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Username applies only to AuthFlow", StringComparison.Ordinal) && f.Contains("the ClientCredentials flow ignores it", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Password applies only to AuthFlow", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("issues no ID token", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_PasswordFlowWithScopes_SaysScopesApplyOnlyToClientCredentials()
    {
        using var harness = new ClientHarness(o => o.Scopes = "a/one");

        var failures = Assert.Throws<OptionsValidationException>(() => harness.Tokens.GetTokensAsync(Name).GetAwaiter().GetResult()).Failures;

        Assert.Contains(failures, f => f.Contains("Scopes applies only to AuthFlow ClientCredentials", StringComparison.Ordinal));
    }

    private static void Configure(CognitoApiClientOptions options, string? scopes)
    {
        options.UserPoolId = FakeCognito.PoolId;
        options.ClientId = FakeCognito.ClientId;
        options.ClientSecret = Secret;
        options.AuthFlow = CognitoAuthFlow.ClientCredentials;
        options.Scopes = scopes;
        options.TokenEndpoint = TokenEndpoint;
        options.ApiBaseAddress = ClientHarness.ApiBase;
    }

    /// <summary>A machine client (the harness with the client-credentials flow) over a stub token endpoint on the back-channel.</summary>
    private sealed class Machine : IDisposable
    {
        private int _serial;

        public Machine(Action<CognitoApiClientOptions>? configure = null, Action<IServiceCollection>? services = null, Uri? discovery = null)
        {
            Endpoint.Respond = (request, _, _) =>
            {
                if (request.Method == HttpMethod.Get)
                {
                    return Task.FromResult(StubHttpMessageHandler.Json(
                        HttpStatusCode.OK,
                        discovery is null ? """{"issuer":"x"}""" : $$"""{"issuer":"x","token_endpoint":"{{discovery}}"}"""));
                }

                var token = TestJwt.Create(new() { ["sub"] = FakeCognito.ClientId, ["token_use"] = "access", ["jti"] = $"machine-{Interlocked.Increment(ref _serial)}" });
                lock (IssuedTokens)
                {
                    IssuedTokens.Add(token);
                }

                return Task.FromResult(StubHttpMessageHandler.Json(HttpStatusCode.OK, $$"""{"access_token":"{{token}}","expires_in":3600,"token_type":"Bearer"}"""));
            };
            Harness = new ClientHarness(
                o =>
                {
                    o.Username = null;
                    o.Password = null;
                    Configure(o, "cognito-auth-api/hello.read");
                    configure?.Invoke(o);
                },
                s =>
                {
                    s.Configure<CognitoResilienceOptions>(o => o.BaseDelay = TimeSpan.Zero);
                    s.AddHttpClient(CognitoApiClientOptions.BackChannelName).ConfigurePrimaryHttpMessageHandler(() => Endpoint);
                    services?.Invoke(s);
                });
        }

        public ClientHarness Harness { get; }

        public StubHttpMessageHandler Endpoint { get; } = new();

        public List<string> IssuedTokens { get; } = [];

        public void Dispose()
        {
            Harness.Cognito.Secrets.Add(Secret, "client secret");
            foreach (var token in IssuedTokens)
            {
                Harness.Cognito.Secrets.Add(token, "machine access token");
            }

            Harness.Dispose();
        }
    }
}

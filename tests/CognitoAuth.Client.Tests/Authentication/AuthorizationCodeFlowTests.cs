using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CognitoAuth.Client.Authentication.Flows;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Tests.Authentication;

/// <summary>
/// <see cref="CognitoAuthFlow.AuthorizationCode"/> on the real wire layer and a real loopback listener: the authorize URL
/// as Cognito documents it, the browser's redirect received over HTTP, the code exchanged with its PKCE verifier, state and
/// nonce checked, renewal with the refresh_token grant (rotation kept), sign-out at the pool domain, and no token, code or
/// verifier in the logs.
/// </summary>
public sealed class AuthorizationCodeFlowTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;
    private static readonly Uri Hello = new("hello", UriKind.Relative);

    [Fact]
    public async Task GetAsync_TheApi_SignsInInTheBrowserAndSendsTheAccessToken()
    {
        using var login = new ManagedLogin(FreePort());
        using var http = login.Harness.CreateHttpClient();

        await http.GetStringAsync(Hello);

        var authorize = Assert.Single(login.Opened);
        Assert.Equal(ManagedLogin.AuthorizeEndpoint.AbsoluteUri, authorize.GetLeftPart(UriPartial.Path));
        var query = ManagedLogin.Query(authorize.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(FakeCognito.ClientId, query["client_id"]);
        Assert.Equal($"http://localhost:{login.Port}/callback", query["redirect_uri"]);
        Assert.Equal("aws.cognito.signin.user.admin email openid profile", query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].Length);
        Assert.True(query["state"].Length >= 22 && query["nonce"].Length >= 22 && query["state"] != query["nonce"]);

        var exchange = Assert.Single(login.Endpoint.Requests, r => r.Uri == ManagedLogin.TokenEndpoint);
        var form = ManagedLogin.Query(exchange.BodyText);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal(Assert.Single(login.Redeemed), form["code"]);
        Assert.Equal(query["redirect_uri"], form["redirect_uri"]);
        Assert.Equal(query["code_challenge"], S256(form["code_verifier"]));
        Assert.Equal(FakeCognito.ClientId, form["client_id"]);
        Assert.Null(exchange.Header("Authorization")); // a public client: no secret

        Assert.Equal(login.IssuedTokens[0], Assert.Single(login.Harness.Api.Requests).Token);
        var (status, page) = Assert.Single(login.Pages);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("You are signed in", page, StringComparison.Ordinal);
        Assert.Empty(login.Harness.Cognito.Calls); // no Cognito user API, no password, no AWS credentials
    }

    [Fact]
    public async Task GetTokens_EndpointsFromThePoolsOpenIdConfiguration_TokensCarryCognitosUserName()
    {
        using var login = new ManagedLogin(FreePort());

        var tokens = await login.Harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(
            [$"GET {ManagedLogin.Discovery}", $"POST {ManagedLogin.TokenEndpoint}"],
            login.Endpoint.Requests.Select(r => $"{r.Method} {r.Uri}"));
        Assert.Equal("person", tokens.Username);
        Assert.NotNull(tokens.IdToken);
        Assert.NotNull(tokens.RefreshToken);
        Assert.Equal(login.Time.GetUtcNow() + TimeSpan.FromHours(1), tokens.ExpiresAt);
    }

    [Fact]
    public async Task GetTokens_ConfiguredEndpoints_NoDiscovery()
    {
        using var login = new ManagedLogin(FreePort(), o =>
        {
            o.UserPoolId = null;
            o.AuthorizationEndpoint = ManagedLogin.AuthorizeEndpoint;
            o.TokenEndpoint = ManagedLogin.TokenEndpoint;
        });

        await login.Harness.Tokens.GetTokensAsync(Name);

        Assert.Equal([$"POST {ManagedLogin.TokenEndpoint}"], login.Endpoint.Requests.Select(r => $"{r.Method} {r.Uri}"));
    }

    [Fact]
    public async Task GetTokens_AForgedRedirectWithAnotherState_IsRefusedAndNeverExchanged_TheRealOneSignsIn()
    {
        using var login = new ManagedLogin(FreePort());
        login.Callbacks = (authorize, code) =>
            [$"code=forged-code-from-elsewhere&state=not-{authorize["state"]}", $"code={code}&state={authorize["state"]}"];

        await login.Harness.Tokens.GetTokensAsync(Name);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.OK], login.Pages.Select(p => p.Status));
        Assert.Contains("does not belong to the sign-in", login.Pages[0].Page, StringComparison.Ordinal);
        var exchange = Assert.Single(login.Endpoint.Requests, r => r.Uri == ManagedLogin.TokenEndpoint);
        Assert.DoesNotContain("forged-code", exchange.BodyText, StringComparison.Ordinal);
        Assert.Contains(login.Harness.Logs.GetSnapshot(), r => r.Id.Name == "LoopbackRequestRefused");
    }

    [Fact]
    public async Task GetTokens_AnIdTokenWithAnotherNonce_IsRefused()
    {
        using var login = new ManagedLogin(FreePort());
        login.NonceOf = nonce => "replayed-" + nonce;

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => login.Harness.Tokens.GetTokensAsync(Name));

        Assert.Contains("nonce", error.Message, StringComparison.Ordinal);
        Assert.Empty(login.Harness.Api.Requests);
    }

    [Fact]
    public async Task GetTokens_TheBrowserComesBackWithAnError_IsTheTypedErrorAndPaused()
    {
        using var login = new ManagedLogin(FreePort());
        login.Callbacks = (authorize, _) => [$"error=access_denied&error_description=The+person+said+no&state={authorize["state"]}"];

        var error = await Assert.ThrowsAsync<CognitoException>(() => login.Harness.Tokens.GetTokensAsync(Name));
        var paused = await Assert.ThrowsAsync<CognitoException>(() => login.Harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("access_denied", error.ErrorCode);
        Assert.Contains("The person said no", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
        Assert.Equal("access_denied", paused.ErrorCode);
        Assert.Single(login.Opened); // the pause: no second browser window
        Assert.DoesNotContain(login.Endpoint.Requests, r => r.Uri == ManagedLogin.TokenEndpoint);
        Assert.Contains("did not complete (access_denied)", Assert.Single(login.Pages).Page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokens_NobodySignsIn_FailsAfterFiveMinutesAndStopsListening()
    {
        using var login = new ManagedLogin(FreePort()) { Idle = true };

        var signingIn = login.Harness.Tokens.GetTokensAsync(Name);
        await Poll.UntilAsync(() => login.Opened.Count == 1);
        Assert.False(signingIn.IsCompleted);
        login.Time.Advance(AuthorizationCodeFlow.SignInTimeout);
        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => signingIn);

        Assert.Contains("within 5 minutes", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => new HttpClient().GetAsync($"http://127.0.0.1:{login.Port}/callback"));
    }

    [Fact]
    public async Task GetTokens_CallerCancels_StopsWaitingAtOnce()
    {
        using var login = new ManagedLogin(FreePort()) { Idle = true };
        using var cancel = new CancellationTokenSource();

        var signingIn = login.Harness.Tokens.GetTokensAsync(Name, cancellationToken: cancel.Token);
        await Poll.UntilAsync(() => login.Opened.Count == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signingIn);
    }

    [Fact]
    public async Task GetTokens_RedirectPortTaken_ClearErrorNamingThePortAndRedirectUri()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var login = new ManagedLogin(port);

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => login.Harness.Tokens.GetTokensAsync(Name));

        Assert.Contains($"Port {port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("RedirectUri", error.Message, StringComparison.Ordinal);
        Assert.Empty(login.Opened);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetTokens_DueForRenewal_RefreshTokenGrant_KeepsARotatedRefreshToken(bool rotate)
    {
        using var login = new ManagedLogin(FreePort(), rotate: rotate);
        var first = await login.Harness.Tokens.GetTokensAsync(Name);

        login.Time.SetUtcNow(first.ExpiresAt - TimeSpan.FromMinutes(1));
        var renewed = await login.Harness.Tokens.GetTokensAsync(Name);

        var refresh = login.Endpoint.Requests[^1];
        Assert.Equal(ManagedLogin.TokenEndpoint, refresh.Uri);
        Assert.Equal($"grant_type=refresh_token&refresh_token={first.RefreshToken}&client_id={FakeCognito.ClientId}", refresh.BodyText);
        Assert.NotEqual(first.AccessToken, renewed.AccessToken);
        Assert.NotEqual(first.IdToken, renewed.IdToken);
        Assert.Equal(rotate, renewed.RefreshToken != first.RefreshToken);
        Assert.NotNull(renewed.RefreshToken);
        Assert.Single(login.Opened); // renewed without the browser
    }

    [Fact]
    public async Task GetTokens_WithAClientSecret_AuthenticatesTheExchangeWithBasic()
    {
        const string secret = "interactive-client-secret";
        using var login = new ManagedLogin(FreePort(), o => o.ClientSecret = secret);

        await login.Harness.Tokens.GetTokensAsync(Name);

        var exchange = Assert.Single(login.Endpoint.Requests, r => r.Uri == ManagedLogin.TokenEndpoint);
        Assert.Equal($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeCognito.ClientId}:{secret}"))}", exchange.Header("Authorization"));
        Assert.DoesNotContain("client_id", exchange.BodyText, StringComparison.Ordinal);
        login.Harness.Cognito.Secrets.Add(secret, "client secret");
    }

    [Fact]
    public async Task SignOut_RevokesAtThePoolDomain_OpensLogout_AndShowsTheBrowserItIsDone()
    {
        using var login = new ManagedLogin(FreePort());
        var tokens = await login.Harness.Tokens.GetTokensAsync(Name);

        await login.Harness.Tokens.SignOutAsync(Name);

        var revoke = Assert.Single(login.Endpoint.Requests, r => r.Uri == ManagedLogin.RevokeEndpoint);
        Assert.Equal($"token={tokens.RefreshToken}&token_type_hint=refresh_token&client_id={FakeCognito.ClientId}", revoke.BodyText);
        var logout = login.Opened[^1];
        Assert.Equal(
            $"https://cauth-ref.auth.ap-northeast-1.amazoncognito.com/logout?client_id={FakeCognito.ClientId}&logout_uri=http%3A%2F%2Flocalhost%3A{login.Port}%2F",
            logout.AbsoluteUri);
        Assert.Contains("You are signed out", login.Pages[^1].Page, StringComparison.Ordinal);
        Assert.Empty(login.Harness.Cognito.Calls); // not Cognito's RevokeToken: the domain's endpoint
        Assert.Contains(login.Harness.Logs.GetSnapshot(), r => r.Id.Name == "SignedOut");

        // The next request signs in in the browser again.
        await login.Harness.Tokens.GetTokensAsync(Name);
        Assert.Equal(3, login.Opened.Count);
    }

    [Fact]
    public async Task SignOut_RevocationRefused_StillEndsTheBrowserSession()
    {
        using var login = new ManagedLogin(FreePort());
        await login.Harness.Tokens.GetTokensAsync(Name);
        login.RevokeRefusal = "invalid_request";

        await login.Harness.Tokens.SignOutAsync(Name);

        Assert.StartsWith(new Uri(ManagedLogin.Domain, "logout").AbsoluteUri, login.Opened[^1].AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("You are signed out", login.Pages[^1].Page, StringComparison.Ordinal);
        Assert.Contains(login.Harness.Logs.GetSnapshot(), r => r.Id.Name == "RevokeFailed");
        Assert.Contains(login.Harness.Logs.GetSnapshot(), r => r.Id.Name == "SignedOut");
    }

    [Fact]
    public async Task SignOut_NobodySignedIn_OpensNoBrowser()
    {
        using var login = new ManagedLogin(FreePort());

        await login.Harness.Tokens.SignOutAsync(Name);

        Assert.Empty(login.Opened);
        Assert.Empty(login.Endpoint.Requests);
    }

    [Fact]
    public async Task SignOut_TheBrowserNeverComesBack_StillSignedOutAfterAMinute()
    {
        using var login = new ManagedLogin(FreePort());
        await login.Harness.Tokens.GetTokensAsync(Name);
        login.Idle = true;

        var signingOut = login.Harness.Tokens.SignOutAsync(Name);
        await Poll.UntilAsync(() => login.Opened.Count == 2);
        login.Time.Advance(AuthorizationCodeFlow.SignOutTimeout);
        await signingOut;

        Assert.Contains(login.Harness.Logs.GetSnapshot(), r => r.Id.Name == "BrowserSignOutIncomplete" && r.Level == LogLevel.Warning);
        Assert.Single(login.Endpoint.Requests, r => r.Uri == ManagedLogin.RevokeEndpoint);
    }

    [Fact]
    public void Options_AuthorizationCode_SayWhichKeysTheFlowNeedsAndWhichItRefuses()
    {
        using var login = new ManagedLogin(FreePort(), o =>
        {
            o.UserPoolId = null;
            o.Region = "ap-northeast-1";
            o.Username = "someone";
            o.Password = "Some-Pass-1!";
            o.TotpSecret = "JBSWY3DPEHPK3PXP";
            o.RedirectUri = new Uri("https://app.example.com/callback");
            o.LogoutUri = new Uri("http://app.example.com/");
            o.Scopes = "email";
            o.TokenType = CognitoTokenType.Id;
        });

        var failures = Assert.Throws<OptionsValidationException>(() => login.Harness.Tokens.GetTokensAsync(Name).GetAwaiter().GetResult()).Failures.ToList();

        Assert.Contains(failures, f => f.Contains("needs the pool domain's endpoints", StringComparison.Ordinal) && f.Contains("AuthorizationEndpoint", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Username applies only to AuthFlow", StringComparison.Ordinal) && f.Contains("the AuthorizationCode flow ignores it", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Password applies only to AuthFlow", StringComparison.Ordinal) && f.Contains("the AuthorizationCode flow ignores it", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("TotpSecret applies only to AuthFlow", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'https://app.example.com/callback' must be an http address of this machine", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'http://app.example.com/' uses plain http to a host that is not loopback", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Scopes lacks openid", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8400/callback")]
    [InlineData("http://[::1]:8400/callback")]
    [InlineData("http://localhost:8400/callback")]
    public void Options_LoopbackRedirectUris_AreValid(string redirect)
    {
        using var login = new ManagedLogin(FreePort(), o => o.RedirectUri = new Uri(redirect));

        var options = login.Harness.Services.GetService(typeof(IOptionsMonitor<CognitoApiClientOptions>)) as IOptionsMonitor<CognitoApiClientOptions>;

        Assert.Equal(new Uri(redirect), options!.Get(Name).RedirectUri);
    }

    [Theory]
    [InlineData("http://192.168.1.10:8400/callback", "is not on this machine")]
    [InlineData("http://localhost:8400/callback#x", "has a fragment")]
    public void Options_RedirectUriNotAListenableLoopbackAddress_IsRefused(string redirect, string expected)
    {
        using var login = new ManagedLogin(FreePort(), o => o.RedirectUri = new Uri(redirect));

        var failures = Assert.Throws<OptionsValidationException>(() => login.Harness.Tokens.GetTokensAsync(Name).GetAwaiter().GetResult()).Failures;

        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_PasswordFlowWithBrowserKeys_SaysTheyApplyOnlyToAuthorizationCode()
    {
        using var harness = new ClientHarness(o =>
        {
            o.RedirectUri = new Uri("http://localhost:8400/callback");
            o.AuthorizationEndpoint = ManagedLogin.AuthorizeEndpoint;
        });

        var failures = Assert.Throws<OptionsValidationException>(() => harness.Tokens.GetTokensAsync(Name).GetAwaiter().GetResult()).Failures;

        Assert.Contains(failures, f => f.Contains("RedirectUri applies only to AuthFlow AuthorizationCode", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("AuthorizationEndpoint applies only to AuthFlow AuthorizationCode", StringComparison.Ordinal));
    }

    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string S256(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

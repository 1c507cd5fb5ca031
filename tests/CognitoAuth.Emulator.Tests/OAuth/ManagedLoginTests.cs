using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Web;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Reference;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.OAuth;

/// <summary>
/// The managed login over HTTP, as a browser and an app use it: <c>/oauth2/authorize</c>, the sign-in, new-password and TOTP
/// pages at <c>/login</c>, the code on the redirect URI, the <c>authorization_code</c> and <c>refresh_token</c> grants,
/// <c>/oauth2/userInfo</c>, <c>/logout</c>, <c>/oauth2/revoke</c>, and Cognito's errors for each.
/// </summary>
public sealed class ManagedLoginTests
{
    private static readonly SeedUser Seed = ReferenceStack.TestUser;

    [Fact]
    public async Task SeedUser_TemporaryPasswordThenNewPasswordPage_CodeWithState_ExchangedWithPkce_ForManagedLoginTokens_ThatCallTheApi()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var browser = new TestBrowser(emulator);
        var verifier = TestBrowser.NewVerifier();

        var login = await browser.OpenAsync(browser.AuthorizeUrl(verifier));
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal("/login", login.Address.AbsolutePath);
        Assert.Equal(("username password", 1, 1), Shape(login));
        var newPassword = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = Seed.Username, ["password"] = Seed.TemporaryPassword });
        Assert.Equal(("new_password", 1, 1), Shape(newPassword));
        Assert.DoesNotContain(Seed.TemporaryPassword, newPassword.Html, StringComparison.Ordinal);
        var weak = await browser.SubmitAsync(newPassword, new Dictionary<string, string> { ["new_password"] = "short" });
        Assert.StartsWith("Password did not conform with policy", weak.Error, StringComparison.Ordinal);
        var landed = await browser.SubmitAsync(weak, new Dictionary<string, string> { ["new_password"] = Seed.NewPassword });

        Assert.Equal(HttpStatusCode.Found, landed.Status);
        Assert.StartsWith(TestBrowser.Callback + "?code=", landed.Address.AbsoluteUri, StringComparison.Ordinal);
        var (code, state) = browser.Received();
        Assert.Equal("st-123", state);
        using var http = new HttpClient();
        var tokens = await ExchangeAsync(http, emulator, code, verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal(["id_token", "access_token", "refresh_token", "expires_in", "token_type"], tokens.Json.EnumerateObject().Select(p => p.Name));
        var access = TokenForge.Payload(tokens.Get("access_token"));
        var id = TokenForge.Payload(tokens.Get("id_token"));
        Assert.Equal(["sub", "iss", "version", "client_id", "origin_jti", "token_use", "scope", "auth_time", "exp", "iat", "jti", "username"], access.Select(c => c.Key));
        Assert.Equal("openid email profile aws.cognito.signin.user.admin", access.Text("scope"));
        Assert.Equal(2, access["version"]!.GetValue<int>());
        Assert.Equal("n-456", id.Text("nonce"));
        Assert.Equal(emulator.ClientId, id.Text("aud"));
        Assert.Equal(Seed.Username, id.Text("email"));
        Assert.Equal(AtHash(tokens.Get("access_token")), id.Text("at_hash"));
        Assert.False(id.ContainsKey("event_id"));
        Assert.Equal(access.Text("origin_jti"), id.Text("origin_jti"));

        // The access token is good at the API (the user client is its audience) and, with aws.cognito.signin.user.admin, at GetUser.
        Assert.Equal("Hello from a protected API!", await GetApiAsync(http, emulator, "hello", tokens.Get("access_token")));
        using var client = new CognitoTestClient(emulator);
        (await client.CallAsync("GetUser", new { AccessToken = tokens.Get("access_token") })).AssertOk();

        // The code was single-use.
        var again = await ExchangeAsync(http, emulator, code, verifier);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (again.Status, again.Get("error")));
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownUser_ErrorOnThePage_NoPasswordInTheHtml()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var browser = new TestBrowser(emulator);
        var login = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));

        var wrong = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = Seed.Username, ["password"] = "Wrong-Pass1!" });
        var unknown = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "nobody@example.com", ["password"] = "Wrong-Pass2!" });

        Assert.Equal((HttpStatusCode.OK, "Incorrect username or password."), (wrong.Status, wrong.Error));
        Assert.Equal("Incorrect username or password.", unknown.Error);
        Assert.DoesNotContain("Wrong-Pass1!", wrong.Html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{Seed.Username}\"", wrong.Html, StringComparison.Ordinal);
        Assert.Null(browser.LeftTo);
    }

    [Fact]
    public async Task TotpUser_PasswordThenTheTotpPage_WrongCodeShown_ThenTheCode()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        var secret = await EnrolSeedUserInTotpAsync(emulator, time);
        time.Advance(TimeSpan.FromSeconds(30));
        using var browser = new TestBrowser(emulator);
        var verifier = TestBrowser.NewVerifier();

        var login = await browser.OpenAsync(browser.AuthorizeUrl(verifier));
        var totp = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = Seed.Username, ["password"] = Seed.NewPassword });
        Assert.Equal(("code", 1, 1), Shape(totp));
        Assert.DoesNotContain(secret, totp.Html, StringComparison.Ordinal);
        var wrong = await browser.SubmitAsync(totp, new Dictionary<string, string> { ["code"] = Other(TestTotp.Code(secret, time.GetUtcNow())) });
        Assert.Equal("Invalid code received for user", wrong.Error);
        var landed = await browser.SubmitAsync(wrong, new Dictionary<string, string> { ["code"] = TestTotp.Code(secret, time.GetUtcNow()) });

        Assert.Equal(HttpStatusCode.Found, landed.Status);
        using var http = new HttpClient();
        var tokens = await ExchangeAsync(http, emulator, browser.Received().Code, verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal("Hello from a protected API!", await GetApiAsync(http, emulator, "hello", tokens.Get("access_token")));
    }

    [Theory]
    [InlineData("http://localhost:8400/callback/")]
    [InlineData("http://127.0.0.1:8400/callback")]
    [InlineData("http://LOCALHOST:8400/callback")]
    [InlineData("http://localhost:8401/callback")]
    [InlineData("https://evil.example/callback")]
    public async Task Authorize_RedirectUriNotExactlyACallbackUrl_TheErrorPage_NeverARedirectThere(string redirectUri)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var browser = new TestBrowser(emulator);

        var page = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier(), redirectUri: redirectUri));

        Assert.Null(browser.LeftTo);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("/error", page.Address.AbsolutePath);
        Assert.Equal("redirect_mismatch", HttpUtility.ParseQueryString(page.Address.Query)["error"]);
        Assert.Contains("An error was encountered with the requested page.", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("client_id=unknown&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A8400%2Fcallback")]
    [InlineData("response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A8400%2Fcallback")]
    public async Task Authorize_UnknownClient_TheErrorPage(string query)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var browser = new TestBrowser(emulator);

        var page = await browser.OpenAsync("oauth2/authorize?" + query);

        Assert.Null(browser.LeftTo);
        Assert.Equal((HttpStatusCode.BadRequest, "/error"), (page.Status, page.Address.AbsolutePath));
    }

    [Theory]
    [InlineData("", "invalid_request")]
    [InlineData("&response_type=token", "unauthorized_client")]
    [InlineData("&response_type=id_token", "unsupported_response_type")]
    [InlineData("&response_type=code&code_challenge=abc", "invalid_request")]
    [InlineData("&response_type=code&code_challenge_method=S256", "invalid_request")]
    [InlineData("&response_type=code&code_challenge=abc&code_challenge_method=plain", "invalid_request")]
    [InlineData("&response_type=code&scope=openid+cognito-auth-api%2Fhello.read", "invalid_scope")]
    [InlineData("&response_type=code&scope=email", "invalid_scope")]
    [InlineData("&response_type=code&scope=phone+openid", "invalid_scope")]
    public async Task Authorize_OtherProblems_RedirectedToTheCallbackWithTheErrorAndState(string parameters, string error)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var browser = new TestBrowser(emulator);

        await browser.OpenAsync($"oauth2/authorize?client_id={emulator.ClientId}&redirect_uri=http%3A%2F%2Flocalhost%3A8400%2Fcallback&state=s1{parameters}");

        Assert.NotNull(browser.LeftTo);
        var query = HttpUtility.ParseQueryString(browser.LeftTo.Query);
        Assert.Equal(TestBrowser.Callback, browser.LeftTo.GetLeftPart(UriPartial.Path));
        Assert.Equal((error, "s1"), (query["error"], query["state"]));
        Assert.Null(query["code"]);
    }

    [Fact]
    public async Task Authorize_ClientWithoutTheCodeFlow_UnauthorizedClient()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var created = await client.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = emulator.UserPoolId,
            ClientName = "no-code",
            CallbackURLs = new[] { TestBrowser.Callback },
            AllowedOAuthFlows = new[] { "implicit" },
            AllowedOAuthScopes = new[] { "openid" },
            AllowedOAuthFlowsUserPoolClient = true,
            SupportedIdentityProviders = new[] { "COGNITO" },
        });
        created.AssertOk();
        using var browser = new TestBrowser(emulator);

        await browser.OpenAsync($"oauth2/authorize?client_id={created.Get("UserPoolClient", "ClientId")}&redirect_uri=http%3A%2F%2Flocalhost%3A8400%2Fcallback&response_type=code");

        Assert.Equal("unauthorized_client", HttpUtility.ParseQueryString(browser.LeftTo!.Query)["error"]);
    }

    [Fact]
    public async Task Token_PkceAndRedirectUriChecked_EachRefusalInvalidGrant_AndTheCodeSpentByIt()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        await client.SignInSeedUserAsync();
        using var http = new HttpClient();

        async Task<(string Code, string Verifier)> CodeAsync()
        {
            using var browser = new TestBrowser(emulator);
            var verifier = TestBrowser.NewVerifier();
            var login = await browser.OpenAsync(browser.AuthorizeUrl(verifier));
            await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = Seed.Username, ["password"] = Seed.NewPassword });
            return (browser.Received().Code, verifier);
        }

        var (noVerifier, verifier1) = await CodeAsync();
        var missing = await ExchangeAsync(http, emulator, noVerifier, verifier: null);
        var retried = await ExchangeAsync(http, emulator, noVerifier, verifier1);
        var (wrongVerifier, _) = await CodeAsync();
        var wrong = await ExchangeAsync(http, emulator, wrongVerifier, TestBrowser.NewVerifier());
        var (wrongRedirect, verifier3) = await CodeAsync();
        var redirect = await ExchangeAsync(http, emulator, wrongRedirect, verifier3, redirectUri: "http://localhost:8400/");
        var unknown = await ExchangeAsync(http, emulator, Guid.NewGuid().ToString(), verifier3);
        var noCode = await TokenAsync(http, emulator, $"grant_type=authorization_code&client_id={emulator.ClientId}&redirect_uri={TestBrowser.Callback}");
        var otherClient = await TokenAsync(http, emulator, $"grant_type=authorization_code&client_id=nope&code=x&redirect_uri={TestBrowser.Callback}");

        Assert.Equal("invalid_grant", missing.Get("error"));
        Assert.Equal("invalid_grant", retried.Get("error"));
        Assert.Equal("invalid_grant", wrong.Get("error"));
        Assert.Equal("invalid_grant", redirect.Get("error"));
        Assert.Equal("invalid_grant", unknown.Get("error"));
        Assert.Equal("invalid_request", noCode.Get("error"));
        Assert.Equal("invalid_client", otherClient.Get("error"));
        Assert.All(new[] { missing, retried, wrong, redirect, unknown, noCode, otherClient }, r => Assert.Equal(HttpStatusCode.BadRequest, r.Status));
    }

    [Fact]
    public async Task Token_CodeOlderThanFiveMinutes_InvalidGrant()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        emulator.CreateUser("fresh@example.com", "Fresh-Pass123!", permanent: true);
        using var browser = new TestBrowser(emulator);
        using var http = new HttpClient();
        var verifier = TestBrowser.NewVerifier();
        var login = await browser.OpenAsync(browser.AuthorizeUrl(verifier));
        await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "fresh@example.com", ["password"] = "Fresh-Pass123!" });

        time.Advance(TimeSpan.FromMinutes(5));
        var late = await ExchangeAsync(http, emulator, browser.Received().Code, verifier);

        Assert.Equal("invalid_grant", late.Get("error"));
    }

    [Fact]
    public async Task Authorize_WithoutPkceOrScope_AsCognitoAllows_AllTheClientsScopes_CodeRedeemedWithoutVerifier_NoNonce()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        emulator.CreateUser("plain@example.com", "Plain-Pass123!", permanent: true);
        using var browser = new TestBrowser(emulator);
        using var http = new HttpClient();

        var login = await browser.OpenAsync($"oauth2/authorize?response_type=code&client_id={emulator.ClientId}&redirect_uri={Uri.EscapeDataString(TestBrowser.Callback)}");
        await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "plain@example.com", ["password"] = "Plain-Pass123!" });
        var (code, state) = browser.Received();
        var tokens = await ExchangeAsync(http, emulator, code, verifier: null);

        Assert.Null(state);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal(string.Join(' ', ReferenceStack.UserOAuthScopes), TokenForge.Payload(tokens.Get("access_token")).Text("scope"));
        Assert.False(TokenForge.Payload(tokens.Get("id_token")).ContainsKey("nonce"));
    }

    [Fact]
    public async Task Scopes_WithoutOpenId_NoIdToken_AndUserInfoRefused_WithOpenIdEmail_UserInfoAnswersEmailClaims()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        emulator.CreateUser("scoped@example.com", "Scoped-Pass123!", permanent: true, [new("email_verified", "true"), new("name", "Scoped")]);
        using var http = new HttpClient();

        var adminOnly = await SignInAsync(emulator, http, "scoped@example.com", "Scoped-Pass123!", "aws.cognito.signin.user.admin");
        var email = await SignInAsync(emulator, http, "scoped@example.com", "Scoped-Pass123!", "openid email");
        var full = await SignInAsync(emulator, http, "scoped@example.com", "Scoped-Pass123!", "openid profile");

        Assert.False(adminOnly.Json.TryGetProperty("id_token", out _));
        using var refused = await UserInfoAsync(http, emulator, adminOnly.Get("access_token"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("insufficient_scope", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var emailInfo = await UserInfoAsync(http, emulator, email.Get("access_token"));
        var claims = JsonDocument.Parse(await emailInfo.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["sub", "email", "email_verified", "username"], claims.EnumerateObject().Select(p => p.Name));
        Assert.Equal("true", claims.GetProperty("email_verified").GetString());
        using var fullInfo = await UserInfoAsync(http, emulator, full.Get("access_token"));
        Assert.Equal("Scoped", JsonDocument.Parse(await fullInfo.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString());
        var accessClaims = TokenForge.Payload(email.Get("access_token"));
        Assert.Equal(accessClaims.Text("sub"), claims.GetProperty("sub").GetString());
        Assert.Equal(accessClaims.Text("username"), claims.GetProperty("username").GetString());
        Assert.Equal("HTTP API refuses nothing: Hello from a protected API!", "HTTP API refuses nothing: " + await GetApiAsync(http, emulator, "hello", adminOnly.Get("access_token")));
    }

    [Fact]
    public async Task UserInfo_NoTokenOrABadOne_AsAwsDocumentsIt()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var apiTokens = await client.SignInSeedUserAsync();
        using var http = new HttpClient();

        using var none = await http.GetAsync(new Uri(emulator.CognitoEndpoint, "oauth2/userInfo"));
        using var garbage = await UserInfoAsync(http, emulator, "not-a-token");
        using var apiToken = await UserInfoAsync(http, emulator, apiTokens.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal("error=\"invalid_request\", error_description=\"Bad OAuth2 request at UserInfo Endpoint\"", none.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Contains("invalid_token", garbage.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, apiToken.StatusCode);
    }

    [Fact]
    public async Task RefreshTokenGrant_NewIdAndAccessTokens_SameScopesNoNonce_NoNewRefreshToken_AndRevokeEndsIt()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        emulator.CreateUser("refresh@example.com", "Refresh-Pass123!", permanent: true);
        using var http = new HttpClient();
        var first = await SignInAsync(emulator, http, "refresh@example.com", "Refresh-Pass123!", "openid email");

        var refreshed = await TokenAsync(http, emulator, $"grant_type=refresh_token&client_id={emulator.ClientId}&refresh_token={Uri.EscapeDataString(first.Get("refresh_token"))}");
        var revoked = await PostFormAsync(http, new Uri(emulator.CognitoEndpoint, "oauth2/revoke"), $"token={Uri.EscapeDataString(first.Get("refresh_token"))}&client_id={emulator.ClientId}");
        var afterRevoke = await TokenAsync(http, emulator, $"grant_type=refresh_token&client_id={emulator.ClientId}&refresh_token={Uri.EscapeDataString(first.Get("refresh_token"))}");
        var noToken = await TokenAsync(http, emulator, $"grant_type=refresh_token&client_id={emulator.ClientId}");
        var accessAsRefresh = await PostFormAsync(http, new Uri(emulator.CognitoEndpoint, "oauth2/revoke"), $"token={first.Get("access_token")}&client_id={emulator.ClientId}");

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.Equal(["id_token", "access_token", "expires_in", "token_type"], refreshed.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("openid email", TokenForge.Payload(refreshed.Get("access_token")).Text("scope"));
        Assert.Equal(TokenForge.Payload(first.Get("access_token")).Text("origin_jti"), TokenForge.Payload(refreshed.Get("access_token")).Text("origin_jti"));
        Assert.False(TokenForge.Payload(refreshed.Get("id_token")).ContainsKey("nonce"));
        Assert.Equal((HttpStatusCode.OK, string.Empty), (revoked.Status, revoked.Text));
        Assert.Equal("invalid_grant", afterRevoke.Get("error"));
        Assert.Equal("invalid_request", noToken.Get("error"));
        Assert.Equal("unsupported_token_type", accessAsRefresh.Get("error"));
    }

    [Fact]
    public async Task RefreshTokenGrant_RotatingClient_NewRefreshTokenEachTime_TheOldOneRefusedAfterTheGrace()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions
        {
            TimeProvider = time,
            RefreshTokenRotation = true,
            RefreshTokenRotationGracePeriod = TimeSpan.FromSeconds(5),
        });
        emulator.CreateUser("rotate@example.com", "Rotate-Pass123!", permanent: true);
        using var http = new HttpClient();
        var first = await SignInAsync(emulator, http, "rotate@example.com", "Rotate-Pass123!", "openid");
        string Form(string token) => $"grant_type=refresh_token&client_id={emulator.ClientId}&refresh_token={Uri.EscapeDataString(token)}";

        var rotated = await TokenAsync(http, emulator, Form(first.Get("refresh_token")));
        time.Advance(TimeSpan.FromSeconds(6));
        var reused = await TokenAsync(http, emulator, Form(first.Get("refresh_token")));
        var next = await TokenAsync(http, emulator, Form(rotated.Get("refresh_token")));

        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.NotEqual(first.Get("refresh_token"), rotated.Get("refresh_token"));
        Assert.Equal("invalid_grant", reused.Get("error"));
        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.True(next.Json.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task BrowserSession_SecondAuthorizeSkipsTheLoginPage_LogoutEndsIt_BadLogoutUriIsTheErrorPage()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        emulator.CreateUser("again@example.com", "Again-Pass123!", permanent: true);
        using var browser = new TestBrowser(emulator);
        var login = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));
        await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "again@example.com", ["password"] = "Again-Pass123!" });
        var firstCode = browser.Received().Code;

        await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier(), state: "second"));
        var (secondCode, secondState) = browser.Received();
        var badLogout = await browser.OpenAsync($"logout?client_id={emulator.ClientId}&logout_uri={Uri.EscapeDataString("http://localhost:8400/elsewhere")}");
        var stillSignedIn = browser.LeftTo;
        await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));
        Assert.NotNull(browser.LeftTo);
        await browser.OpenAsync($"logout?client_id={emulator.ClientId}&logout_uri={Uri.EscapeDataString("http://localhost:8400/")}");
        var loggedOutTo = browser.LeftTo;
        var afterLogout = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));

        Assert.NotEqual(firstCode, secondCode);
        Assert.Equal("second", secondState);
        Assert.Equal((HttpStatusCode.BadRequest, "/error"), (badLogout.Status, badLogout.Address.AbsolutePath));
        Assert.Null(stillSignedIn);
        Assert.Equal("http://localhost:8400/", loggedOutTo!.AbsoluteUri);
        Assert.Equal((HttpStatusCode.OK, "/login"), (afterLogout.Status, afterLogout.Address.AbsolutePath));
        Assert.Null(browser.LeftTo);
    }

    [Fact]
    public async Task DeletedUser_CreatedAgainUnderTheSameName_InheritsNeitherTheBrowserSessionNorAnUnspentCode()
    {
        // A pool whose usernames are plain names (the reference pool's are UUIDs), so the new user has the old one's username.
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await client.CallAsync("CreateUserPool", new { PoolName = "named-users" });
        pool.AssertOk();
        var poolId = pool.Get("UserPool", "Id");
        var appClient = await client.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = poolId,
            ClientName = "named-web",
            AllowedOAuthFlowsUserPoolClient = true,
            AllowedOAuthFlows = new[] { "code" },
            AllowedOAuthScopes = new[] { "openid" },
            CallbackURLs = new[] { TestBrowser.Callback },
            SupportedIdentityProviders = new[] { "COGNITO" },
        });
        appClient.AssertOk();
        var clientId = appClient.Get("UserPoolClient", "ClientId");
        (await client.CallAsync("CreateUserPoolDomain", new { UserPoolId = poolId, Domain = "named-users-login" })).AssertOk();
        async Task CreateMiaAsync(string password)
        {
            (await client.CallAsync("AdminCreateUser", new { UserPoolId = poolId, Username = "mia", MessageAction = "SUPPRESS" })).AssertOk();
            (await client.CallAsync("AdminSetUserPassword", new { UserPoolId = poolId, Username = "mia", Password = password, Permanent = true })).AssertOk();
        }

        await CreateMiaAsync("First-Mia-Pass1!");
        using var browser = new TestBrowser(emulator);
        var verifier = TestBrowser.NewVerifier();
        var login = await browser.OpenAsync(browser.AuthorizeUrl(verifier, scope: "openid", clientId: clientId));
        await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "mia", ["password"] = "First-Mia-Pass1!" });
        var unspent = browser.Received().Code;

        (await client.CallAsync("AdminDeleteUser", new { UserPoolId = poolId, Username = "mia" })).AssertOk();
        await CreateMiaAsync("Second-Mia-Pass1!");
        using var http = new HttpClient();
        var exchanged = await TokenAsync(http, emulator,
            $"grant_type=authorization_code&client_id={clientId}&code={Uri.EscapeDataString(unspent)}&redirect_uri={Uri.EscapeDataString(TestBrowser.Callback)}&code_verifier={verifier}");
        var again = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier(), scope: "openid", clientId: clientId));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (exchanged.Status, exchanged.Get("error")));
        Assert.Equal((HttpStatusCode.OK, "/login"), (again.Status, again.Address.AbsolutePath));
        Assert.Null(browser.LeftTo);
    }

    [Fact]
    public async Task Login_CrossSitePost_Refused_NothingSignedIn()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var browser = new TestBrowser(emulator);
        var login = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));

        var forged = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = Seed.Username, ["password"] = Seed.TemporaryPassword }, origin: "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, forged.Status);
        Assert.Null(browser.LeftTo);
    }

    [Fact]
    public async Task OpenIdConfiguration_NamesThePoolDomainsEndpoints_InCognitosOrder()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient();

        var discovery = JsonDocument.Parse(await http.GetStringAsync($"{emulator.Issuer}/.well-known/openid-configuration")).RootElement;

        Assert.Equal(
            ["authorization_endpoint", "end_session_endpoint", "id_token_signing_alg_values_supported", "issuer", "jwks_uri", "response_types_supported", "revocation_endpoint",
                "scopes_supported", "subject_types_supported", "token_endpoint", "token_endpoint_auth_methods_supported", "userinfo_endpoint"],
            discovery.EnumerateObject().Select(p => p.Name));
        Assert.Equal(emulator.AuthorizationEndpoint.AbsoluteUri, discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(new Uri(emulator.CognitoEndpoint, "oauth2/userInfo").AbsoluteUri, discovery.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(new Uri(emulator.CognitoEndpoint, "logout").AbsoluteUri, discovery.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(emulator.TokenEndpoint.AbsoluteUri, discovery.GetProperty("token_endpoint").GetString());
    }

    [Fact]
    public async Task DataDirectory_BrowserSession_SignsTheBrowserInAgainAfterARestart_WithoutTheLoginPage()
    {
        var directory = Directory.CreateTempSubdirectory("managed-login-").FullName;
        try
        {
            var cookies = new CookieContainer();
            var port = 0;
            await using (var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = directory }))
            {
                emulator.CreateUser("kept@example.com", "Kept-Pass123!", permanent: true);
                using var browser = new TestBrowser(emulator, cookies);
                var login = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));
                await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "kept@example.com", ["password"] = "Kept-Pass123!" });
                browser.Received();
                port = emulator.CognitoEndpoint.Port;
            }

            await using (var restarted = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = directory, CognitoPort = port }))
            {
                using var browser = new TestBrowser(restarted, cookies);
                var again = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));

                Assert.Equal(HttpStatusCode.Found, again.Status);
                Assert.StartsWith(TestBrowser.Callback + "?code=", again.Address.AbsoluteUri, StringComparison.Ordinal);
                Assert.DoesNotContain(cookies.GetAllCookies(), c => File.ReadAllText(Path.Combine(directory, "state.json")).Contains(c.Value, StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AdminUserGlobalSignOut_EndsTheRefreshTokens_ButNotTheBrowserSession_AsAwsDocumentsIt()
    {
        // AWS: "This operation doesn't clear the managed login session cookie. To clear the session [...], direct their
        // browser session to the logout endpoint." (AdminUserGlobalSignOut, API reference.)
        await using var emulator = await CognitoEmulator.StartAsync();
        emulator.CreateUser("out@example.com", "Out-Pass123!", permanent: true);
        using var browser = new TestBrowser(emulator);
        using var http = new HttpClient();
        var verifier = TestBrowser.NewVerifier();
        var login = await browser.OpenAsync(browser.AuthorizeUrl(verifier));
        await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "out@example.com", ["password"] = "Out-Pass123!" });
        var refreshToken = (await ExchangeAsync(http, emulator, browser.Received().Code, verifier)).Get("refresh_token");
        using var client = new CognitoTestClient(emulator);

        (await client.CallAsync("AdminUserGlobalSignOut", new { emulator.UserPoolId, Username = "out@example.com" })).AssertOk();
        var refreshed = await TokenAsync(http, emulator, $"grant_type=refresh_token&client_id={emulator.ClientId}&refresh_token={Uri.EscapeDataString(refreshToken)}");
        var again = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (refreshed.Status, refreshed.Get("error")));
        Assert.Equal(HttpStatusCode.Found, again.Status);
        Assert.StartsWith(TestBrowser.Callback + "?code=", again.Address.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataDirectory_ManagedLoginRefreshToken_KeepsItsScopesAcrossARestart()
    {
        var directory = Directory.CreateTempSubdirectory("managed-login-").FullName;
        try
        {
            string refreshToken, clientId;
            var port = 0;
            await using (var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = directory }))
            {
                emulator.CreateUser("kept@example.com", "Kept-Pass123!", permanent: true);
                using var http = new HttpClient();
                refreshToken = (await SignInAsync(emulator, http, "kept@example.com", "Kept-Pass123!", "openid profile")).Get("refresh_token");
                clientId = emulator.ClientId;
                port = emulator.CognitoEndpoint.Port;
            }

            await using (var restarted = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = directory, CognitoPort = port }))
            {
                using var http = new HttpClient();
                var refreshed = await TokenAsync(http, restarted, $"grant_type=refresh_token&client_id={clientId}&refresh_token={Uri.EscapeDataString(refreshToken)}");
                Assert.Equal(HttpStatusCode.OK, refreshed.Status);
                Assert.Equal("openid profile", TokenForge.Payload(refreshed.Get("access_token")).Text("scope"));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    internal static async Task<string> EnrolSeedUserInTotpAsync(CognitoEmulator emulator, FakeTimeProvider time)
    {
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();
        var secret = (await client.CallAsync("AssociateSoftwareToken", new { AccessToken = tokens.AccessToken })).Get("SecretCode");
        (await client.CallAsync("VerifySoftwareToken", new { AccessToken = tokens.AccessToken, UserCode = TestTotp.Code(secret, time.GetUtcNow()) })).AssertOk();
        (await client.CallAsync("SetUserMFAPreference", new { AccessToken = tokens.AccessToken, SoftwareTokenMfaSettings = new { Enabled = true, PreferredMfa = true } })).AssertOk();
        return secret;
    }

    /// <summary>A whole managed-login sign-in of a CONFIRMED user with the given scopes; returns the token endpoint's answer.</summary>
    internal static async Task<OAuthAnswer> SignInAsync(CognitoEmulator emulator, HttpClient http, string username, string password, string scope)
    {
        using var browser = new TestBrowser(emulator);
        var verifier = TestBrowser.NewVerifier();
        var login = await browser.OpenAsync(browser.AuthorizeUrl(verifier, scope: scope));
        await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = username, ["password"] = password });
        var answer = await ExchangeAsync(http, emulator, browser.Received().Code, verifier);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer;
    }

    internal static Task<OAuthAnswer> ExchangeAsync(HttpClient http, CognitoEmulator emulator, string code, string? verifier, string redirectUri = TestBrowser.Callback) =>
        TokenAsync(http, emulator, $"grant_type=authorization_code&client_id={emulator.ClientId}&code={Uri.EscapeDataString(code)}&redirect_uri={Uri.EscapeDataString(redirectUri)}"
            + (verifier is null ? string.Empty : $"&code_verifier={verifier}"));

    internal static Task<OAuthAnswer> TokenAsync(HttpClient http, CognitoEmulator emulator, string form) => PostFormAsync(http, emulator.TokenEndpoint, form);

    private static async Task<OAuthAnswer> PostFormAsync(HttpClient http, Uri uri, string form)
    {
        using var response = await http.PostAsync(uri, new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
        return new OAuthAnswer(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> UserInfoAsync(HttpClient http, CognitoEmulator emulator, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.CognitoEndpoint, "oauth2/userInfo"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task<string> GetApiAsync(HttpClient http, CognitoEmulator emulator, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.ApiUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The form's input names (space-separated), its submit buttons and forms: one form, one button (Contract 2).</summary>
    private static (string Inputs, int SubmitButtons, int Forms) Shape(Page page)
    {
        var (inputs, buttons, forms) = page.Form();
        return (string.Join(' ', inputs), buttons, forms);
    }

    private static string Other(string code) => code == "000000" ? "111111" : "000000";

    private static string AtHash(string accessToken) =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16));
}

/// <summary>An answer of the token or revocation endpoint: its status and JSON (empty for an empty body).</summary>
internal sealed record OAuthAnswer(HttpStatusCode Status, string Text)
{
    public JsonElement Json => JsonDocument.Parse(Text.Length == 0 ? "{}" : Text).RootElement;

    public string Get(string name) => Json.TryGetProperty(name, out var value) ? value.GetString()! : throw new Xunit.Sdk.XunitException($"no {name} in {Status} {Redacted}");

    private string Redacted => Json.TryGetProperty("error", out var error) ? $"error={error}" : "(tokens)";

    public override string ToString() => $"OAuthAnswer {{ Status = {Status} }}";
}

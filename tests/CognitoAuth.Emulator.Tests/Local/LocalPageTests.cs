using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Emulator.Tests.OAuth;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Tests.Local;

/// <summary>
/// The emulator's own web page at <c>{CognitoEndpoint}_local/</c>: what it shows after a few sign-ins (pools, clients, users
/// with status and MFA, requests with outcomes, decoded tokens, the inbox), that no secret is on it, and its actions (posted
/// from the page's origin; refused from anywhere else).
/// </summary>
public sealed class LocalPageTests
{
    private static readonly SeedUser Seed = ReferenceStack.TestUser;

    [Fact]
    public async Task Page_AfterSignIns_ShowsPoolsClientsUsersRequestsTokensAndInbox_WithoutAnySecret()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();
        (await client.AdminInitiateAuthAsync(Seed.Username, "Wrong-Pass1!")).AssertError("NotAuthorizedException");
        (await client.CallAsync("AdminCreateUser", new { UserPoolId = emulator.UserPoolId, Username = "invited@example.com" })).AssertOk();
        using var http = new HttpClient();
        var machine = await ManagedLoginTests.TokenAsync(http, emulator, $"grant_type=client_credentials&client_id={emulator.MachineClient.ClientId}&client_secret={emulator.MachineClient.ClientSecret}");
        var invitation = emulator.Inbox.LatestTo("invited@example.com")!;

        using var response = await http.GetAsync(emulator.LocalPageUrl);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains(emulator.UserPoolId, html, StringComparison.Ordinal);
        Assert.Contains(emulator.ClientId, html, StringComparison.Ordinal);
        Assert.Contains(emulator.MachineClient.ClientId, html, StringComparison.Ordinal);
        Assert.Contains("http://localhost:8400/callback", html, StringComparison.Ordinal);
        Assert.Matches(UserRow(Seed.Username, "CONFIRMED"), html);
        Assert.Matches(UserRow("invited@example.com", "FORCE_CHANGE_PASSWORD"), html);
        Assert.Contains("<code>AdminInitiateAuth</code></td><td class=\"bad\">400</td><td>NotAuthorizedException", html, StringComparison.Ordinal);
        Assert.Contains("<code>AdminRespondToAuthChallenge</code></td><td class=\"ok\">200</td>", html, StringComparison.Ordinal);
        Assert.Contains("<code>POST /oauth2/token</code></td><td class=\"ok\">200</td>", html, StringComparison.Ordinal);
        Assert.Contains("&quot;token_use&quot;: &quot;access&quot;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;kid&quot;", html, StringComparison.Ordinal);
        Assert.Contains("invited@example.com</td><td>TemporaryPassword", html, StringComparison.Ordinal);

        // No secret: not the machine client's secret, no token (nor a signature), no refresh token, no password, no code.
        foreach (var secret in new[] { emulator.MachineClient.ClientSecret!, tokens.AccessToken.Split('.')[2], tokens.IdToken.Split('.')[2], tokens.RefreshToken!,
                     machine.Get("access_token").Split('.')[2], Seed.NewPassword, Seed.TemporaryPassword, invitation.Code, emulator.Credentials.SecretAccessKey })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(WebUtility.HtmlEncode(secret), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Actions_FromThePage_CreateResetDisableEnableSignOut_EachTakesEffect()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var created = await PostAsync(http, emulator, "create-user", new() { ["pool"] = emulator.UserPoolId, ["username"] = "new@example.com", ["temporary_password"] = "Temp-Pass123!" });
        var generated = await PostAsync(http, emulator, "create-user", new() { ["pool"] = emulator.UserPoolId, ["username"] = "mailed@example.com" });
        var duplicate = await PostAsync(http, emulator, "create-user", new() { ["pool"] = emulator.UserPoolId, ["username"] = "new@example.com", ["temporary_password"] = "Temp-Pass123!" });
        var disabled = await PostAsync(http, emulator, "disable", new() { ["pool"] = emulator.UserPoolId, ["username"] = "new@example.com" });
        var reset = await PostAsync(http, emulator, "reset-password", new() { ["pool"] = emulator.UserPoolId, ["username"] = "mailed@example.com" });
        var signedOut = await PostAsync(http, emulator, "sign-out", new() { ["pool"] = emulator.UserPoolId, ["username"] = Seed.Username });

        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        Assert.StartsWith("/_local/?done=", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("/_local/?failed=UsernameExistsException", duplicate.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var newUser = await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = "new@example.com" });
        Assert.Equal(("FORCE_CHANGE_PASSWORD", false), (newUser.Get("UserStatus"), newUser.Json.GetProperty("Enabled").GetBoolean()));
        Assert.NotNull(emulator.Inbox.Messages.FirstOrDefault(m => m.Destination == "mailed@example.com" && m.Kind == InboxMessageKind.TemporaryPassword));
        Assert.Null(emulator.Inbox.Messages.FirstOrDefault(m => m.Destination == "new@example.com"));
        Assert.Equal("RESET_REQUIRED", (await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = "mailed@example.com" })).Get("UserStatus"));
        (await client.RefreshAsync(tokens.RefreshToken!)).AssertError("NotAuthorizedException", "Refresh Token has been revoked");
        Assert.All(new[] { generated, disabled, reset, signedOut }, r => Assert.StartsWith("/_local/?done=", r.Headers.Location!.OriginalString, StringComparison.Ordinal));

        var enabled = await PostAsync(http, emulator, "enable", new() { ["pool"] = emulator.UserPoolId, ["username"] = "new@example.com" });
        Assert.StartsWith("/_local/?done=", enabled.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True((await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = "new@example.com" })).Json.GetProperty("Enabled").GetBoolean());
        var page = await http.GetStringAsync(new Uri(emulator.CognitoEndpoint, created.Headers.Location!.OriginalString));
        Assert.Contains("class=\"notice\" role=\"status\">Created new@example.com (FORCE_CHANGE_PASSWORD).", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutAction_EndsTheUsersManagedLoginSession_TheNextAuthorizeAsksForThePassword()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        emulator.CreateUser("browser@example.com", "Browser-Pass123!", permanent: true);
        using var browser = new TestBrowser(emulator);
        var login = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));
        await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "browser@example.com", ["password"] = "Browser-Pass123!" });
        await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));
        Assert.NotNull(browser.LeftTo);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var signedOut = await PostAsync(http, emulator, "sign-out", new() { ["pool"] = emulator.UserPoolId, ["username"] = "browser@example.com" });
        var again = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));

        Assert.Contains(Uri.EscapeDataString("1 browser session(s) ended"), signedOut.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "/login"), (again.Status, again.Address.AbsolutePath));
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("null", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, null)]
    public async Task Actions_CrossSiteOrWithoutOrigin_403_NothingChanges(string? origin, string? fetchSite)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.CognitoEndpoint, "_local/actions/disable"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["pool"] = emulator.UserPoolId, ["username"] = Seed.Username }),
        };
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        using var response = await http.SendAsync(request);
        using var get = await http.GetAsync(new Uri(emulator.CognitoEndpoint, "_local/actions/disable"));
        using var client = new CognitoTestClient(emulator);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.True((await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username })).Json.GetProperty("Enabled").GetBoolean());
    }

    [Fact]
    public async Task Page_NamedByAnotherHost_ActionsRefused_AsADnsRebindingGuard()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.CognitoEndpoint, "_local/actions/disable"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["pool"] = emulator.UserPoolId, ["username"] = Seed.Username }),
        };
        request.Headers.Host = $"rebound.example:{emulator.CognitoEndpoint.Port}";
        request.Headers.TryAddWithoutValidation("Origin", $"http://rebound.example:{emulator.CognitoEndpoint.Port}");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, CognitoEmulator emulator, string action, Dictionary<string, string> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.CognitoEndpoint, $"_local/actions/{action}")) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation("Origin", emulator.CognitoEndpoint.GetLeftPart(UriPartial.Authority));
        return http.SendAsync(request);
    }

    private static Regex UserRow(string email, string status) =>
        new($"<tr data-user=\"{Regex.Escape(email)}\">.*?<td class=\"status\">{status}</td>");
}

using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Reference;
using CognitoAuth.Testing;
using Xunit.Abstractions;

namespace CognitoAuth.Emulator.Tests.Browser;

/// <summary>
/// A real browser through the managed login: headless Chromium (Debian's <c>chromium</c>) driven by playwright-core
/// (tools/playwright, pinned) signs in the seed user with its temporary password and the new-password page, signs out, signs
/// in a TOTP user with an authenticator's code (otpauth), each landing on the test's loopback redirect listener on
/// <c>localhost:8400</c>, which exchanges the code with its PKCE verifier and calls <c>GET /hello</c>; then it opens the
/// emulator's page, reads back what it shows, and keeps a screenshot under <c>artifacts/browser-tests/</c>. Not installed →
/// the test fails and says how to install it, never skips.
/// </summary>
[Collection(Port8400Collection.Name)]
public sealed class ManagedLoginBrowserTests(ITestOutputHelper output)
{
    private static readonly NodeTool Tool = new("playwright", "playwright-core");
    private static readonly SeedUser Seed = ReferenceStack.TestUser;

    [Fact]
    public async Task Chromium_SeedUserThroughTheNewPasswordPage_ThenATotpUser_CallbackGetsTokensThatCallHello_ThenTheLocalPageShowsIt()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Debian's chromium is not installed: run bin/test (bin/lib/prereqs.sh installs it), or apt-get install chromium");
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var listener = await CallbackListener.StartAsync(emulator);
        const string totpUser = "totp@example.com";
        const string totpPassword = "Totp-Pass1234!";
        var secret = await EnrolTotpUserAsync(emulator, totpUser, totpPassword);
        using var links = new TestBrowser(emulator);
        var seedVerifier = TestBrowser.NewVerifier();
        var totpVerifier = TestBrowser.NewVerifier();
        listener.Expect("seed-state", seedVerifier);
        listener.Expect("totp-state", totpVerifier);
        var screenshot = Path.Combine(RepositoryRoot.Path, "artifacts", "browser-tests", "local-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);

        var started = Stopwatch.StartNew();
        var seen = await RunAsync(new JsonObject
        {
            ["seed"] = new JsonObject
            {
                ["authorizeUrl"] = new Uri(emulator.CognitoEndpoint, links.AuthorizeUrl(seedVerifier, state: "seed-state")).AbsoluteUri,
                ["username"] = Seed.Username,
                ["temporaryPassword"] = Seed.TemporaryPassword,
                ["newPassword"] = Seed.NewPassword,
            },
            ["totp"] = new JsonObject
            {
                ["authorizeUrl"] = new Uri(emulator.CognitoEndpoint, links.AuthorizeUrl(totpVerifier, state: "totp-state")).AbsoluteUri,
                ["username"] = totpUser,
                ["password"] = totpPassword,
                ["secret"] = secret,
            },
            ["logoutUrl"] = new Uri(emulator.CognitoEndpoint, $"logout?client_id={emulator.ClientId}&logout_uri={Uri.EscapeDataString("http://localhost:8400/")}").AbsoluteUri,
            ["callbackPrefix"] = TestBrowser.Callback,
            ["localPageUrl"] = emulator.LocalPageUrl.AbsoluteUri,
            ["screenshot"] = screenshot,
        });
        output.WriteLine($"Chromium walkthrough: {started.Elapsed.TotalSeconds:F1} s; screenshot {screenshot}");

        // The pages as Chromium saw them: one form, one submit button, the contract's input names, errors on the page.
        var steps = seen.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("step").GetString()!, s => s);
        AssertForm(steps["sign-in page"], "username password");
        Assert.Equal("Incorrect username or password.", steps["wrong password"].GetProperty("error").GetString());
        AssertForm(steps["new-password page"], "new_password");
        AssertForm(steps["TOTP page"], "code");

        // Each sign-in landed on the callback with a code and the state; the listener's exchange and GET /hello worked.
        foreach (var (landing, state) in new[] { ("seedLanding", "seed-state"), ("totpLanding", "totp-state") })
        {
            var landed = seen.GetProperty(landing);
            Assert.Equal(TestBrowser.Callback, landed.GetProperty("at").GetString());
            Assert.Equal(["code", "state"], landed.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()));
            Assert.Contains("Hello from a protected API!", landed.GetProperty("text").GetString(), StringComparison.Ordinal);
            var result = listener.Results[state];
            Assert.Equal(HttpStatusCode.OK, result.TokenStatus);
            Assert.Equal("Hello from a protected API!", result.Hello);
            Assert.Equal("n-456", TokenForge.Payload(result.Tokens.GetProperty("id_token").GetString()!).Text("nonce"));
        }

        Assert.Equal("http://localhost:8400/", seen.GetProperty("afterLogout").GetProperty("at").GetString());
        var totpClaims = TokenForge.Payload(listener.Results["totp-state"].Tokens.GetProperty("id_token").GetString()!);
        Assert.Equal(totpUser, totpClaims.Text("email"));

        // The local page after the walkthrough: both users with their status and MFA, the requests, the tokens; no script.
        var local = seen.GetProperty("localPage");
        var users = local.GetProperty("users").EnumerateArray().ToDictionary(u => u.GetProperty("user").GetString()!, u => u);
        Assert.Equal("CONFIRMED", users[Seed.Username].GetProperty("status").GetString());
        Assert.Equal("none", users[Seed.Username].GetProperty("mfa").GetString());
        Assert.StartsWith("TOTP, enabled", users[totpUser].GetProperty("mfa").GetString(), StringComparison.Ordinal);
        var requests = local.GetProperty("requests").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains("API GET /hello 200 ok", requests);
        Assert.Contains("Cognito POST /oauth2/token 200 ok", requests);
        Assert.Contains("Cognito POST /login 200 ok", requests);
        Assert.Contains("Cognito POST /login 200 Incorrect username or password.", requests);
        Assert.Contains(local.GetProperty("tokens").EnumerateArray(), t => t.GetString()!.Contains("id token", StringComparison.Ordinal));
        Assert.Equal(0, local.GetProperty("scripts").GetInt32());
        Assert.Empty(local.GetProperty("external").EnumerateArray());
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot of the local page was kept");
    }

    /// <summary>
    /// A CONFIRMED user with TOTP enabled. It verifies with the previous step's code (Cognito accepts a step either side), so
    /// the browser's current code is not one already taken.
    /// </summary>
    private static async Task<string> EnrolTotpUserAsync(CognitoEmulator emulator, string username, string password)
    {
        emulator.CreateUser(username, password, permanent: true, [new("email_verified", "true")]);
        using var client = new CognitoTestClient(emulator);
        var signedIn = await client.AdminInitiateAuthAsync(username, password);
        signedIn.AssertOk();
        var accessToken = TokenSet.From(signedIn).AccessToken;
        var secret = (await client.CallAsync("AssociateSoftwareToken", new { AccessToken = accessToken })).Get("SecretCode");
        (await client.CallAsync("VerifySoftwareToken", new { AccessToken = accessToken, UserCode = TestTotp.Code(secret, DateTimeOffset.UtcNow.AddSeconds(-30)), FriendlyDeviceName = "browser-test" })).AssertOk();
        (await client.CallAsync("SetUserMFAPreference", new { AccessToken = accessToken, SoftwareTokenMfaSettings = new { Enabled = true, PreferredMfa = true } })).AssertOk();
        return secret;
    }

    private static void AssertForm(JsonElement step, string inputs)
    {
        Assert.Equal(1, step.GetProperty("forms").GetInt32());
        Assert.Equal(1, step.GetProperty("submitButtons").GetInt32());
        Assert.Equal(inputs, string.Join(' ', step.GetProperty("inputs").EnumerateArray().Select(i => i.GetString())));
    }

    private static async Task<JsonElement> RunAsync(JsonObject plan) =>
        JsonDocument.Parse(await Tool.RunAsync("managed-login.mjs", plan.ToJsonString(), timeout: TimeSpan.FromMinutes(3))).RootElement;
}

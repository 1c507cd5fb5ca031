using System.Net;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Reference;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.SignIn;

/// <summary>
/// The JSON API and the managed login are two adapters over one sign-in engine: each refusal the API answers a user with,
/// the managed login shows the same user on its page, in Cognito's words.
/// </summary>
public sealed class SignInParityTests
{
    private static readonly SeedUser Seed = ReferenceStack.TestUser;
    private const string Password = "Perm-Pass123!";

    public static TheoryData<string, string, string> FirstFactorRefusals => new()
    {
        { "disabled", "NotAuthorizedException", "User is disabled." },
        { "reset", "PasswordResetRequiredException", "Password reset required for the user" },
        { "unconfirmed", "UserNotConfirmedException", "User is not confirmed." },
        { "expired", "NotAuthorizedException", "Temporary password has expired and must be reset by an administrator." },
        { "wrong", "NotAuthorizedException", "Incorrect username or password." },
        { "unknown", "NotAuthorizedException", "Incorrect username or password." },
    };

    [Theory]
    [MemberData(nameof(FirstFactorRefusals))]
    public async Task FirstFactor_SameRefusal_FromTheApiAndOnTheLoginPage(string state, string errorType, string message)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var (username, password) = await ArrangeAsync(state, emulator, client, time);

        var api = await client.CallAsync("InitiateAuth", new
        {
            AuthFlow = "USER_PASSWORD_AUTH",
            ClientId = emulator.ClientId,
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password },
        });
        using var browser = new TestBrowser(emulator);
        var login = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));
        var page = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = username, ["password"] = password });

        api.AssertError(errorType, message);
        Assert.Equal((HttpStatusCode.OK, message), (page.Status, page.Error));
        Assert.Equal(["username", "password"], page.Form().Inputs);
        Assert.Null(browser.LeftTo);
    }

    [Fact]
    public async Task UnknownUser_ClientThatRevealsUsers_UserDoesNotExist_FromTheApiAndOnTheLoginPage()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var reference = ReferenceStack.AppClient;
        (await client.CallAsync("UpdateUserPoolClient", new
        {
            emulator.UserPoolId,
            emulator.ClientId,
            ClientName = reference.Name,
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
            AllowedOAuthFlows = reference.AllowedOAuthFlows,
            AllowedOAuthScopes = reference.AllowedOAuthScopes,
            AllowedOAuthFlowsUserPoolClient = true,
            CallbackURLs = reference.CallbackUrls,
            LogoutURLs = reference.LogoutUrls,
            SupportedIdentityProviders = new[] { "COGNITO" },
            PreventUserExistenceErrors = "LEGACY",
        })).AssertOk();

        var api = await client.CallAsync("InitiateAuth", new
        {
            AuthFlow = "USER_PASSWORD_AUTH",
            ClientId = emulator.ClientId,
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "nobody@example.com", ["PASSWORD"] = Password },
        });
        using var browser = new TestBrowser(emulator);
        var login = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));
        var page = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "nobody@example.com", ["password"] = Password });

        api.AssertError("UserNotFoundException", "User does not exist.");
        Assert.Equal("User does not exist.", page.Error);
    }

    [Fact]
    public async Task NewPasswordStep_UserDisabledMeanwhile_RefusedOnBoth_AndTheStepStaysOpen()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var challenge = await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword);
        using var browser = new TestBrowser(emulator);
        var login = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));
        var newPassword = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = Seed.Username, ["password"] = Seed.TemporaryPassword });
        emulator.DisableUser(Seed.Username);

        var api = await client.RespondNewPasswordAsync(challenge.Get("Session"), Seed.Username, Seed.NewPassword);
        var page = await browser.SubmitAsync(newPassword, new Dictionary<string, string> { ["new_password"] = Seed.NewPassword });
        emulator.EnableUser(Seed.Username);
        var landed = await browser.SubmitAsync(page, new Dictionary<string, string> { ["new_password"] = Seed.NewPassword });

        api.AssertError("NotAuthorizedException", "User is disabled.");
        Assert.Equal("User is disabled.", page.Error);
        Assert.Equal(["new_password"], page.Form().Inputs);

        // Neither refusal spent the step: once the user is enabled again, the same page completes the sign-in.
        Assert.Equal(HttpStatusCode.Found, landed.Status);
        Assert.StartsWith(TestBrowser.Callback + "?code=", landed.Address.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChallengeStep_AfterTheSessionLifetime_ApiSessionExpired_LoginPageSessionExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var challenge = await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword);
        using var browser = new TestBrowser(emulator);
        var login = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));
        var newPassword = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = Seed.Username, ["password"] = Seed.TemporaryPassword });

        time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        var api = await client.RespondNewPasswordAsync(challenge.Get("Session"), Seed.Username, Seed.NewPassword);
        var page = await browser.SubmitAsync(newPassword, new Dictionary<string, string> { ["new_password"] = Seed.NewPassword });

        api.AssertError("NotAuthorizedException", "Invalid session for the user, session is expired.");
        Assert.Equal("Your session has expired. Please sign in again.", page.Error);
        Assert.Equal(["username", "password"], page.Form().Inputs);
    }

    [Fact]
    public async Task TotpStep_ACodeAlreadyUsed_RefusedOnBoth_InCognitosWords()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var secret = await EnrolAsync(client, emulator, time);
        var code = TestTotp.Code(secret, time.GetUtcNow());

        // The API takes the code once; the managed login then refuses the same step's code, as the API does.
        var first = await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword);
        var taken = await client.RespondAsync("SOFTWARE_TOKEN_MFA", first.Get("Session"), new Dictionary<string, string> { ["USERNAME"] = Seed.Username, ["SOFTWARE_TOKEN_MFA_CODE"] = code });
        var second = await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword);
        var reused = await client.RespondAsync("SOFTWARE_TOKEN_MFA", second.Get("Session"), new Dictionary<string, string> { ["USERNAME"] = Seed.Username, ["SOFTWARE_TOKEN_MFA_CODE"] = code });
        using var browser = new TestBrowser(emulator);
        var login = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));
        var totp = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = Seed.Username, ["password"] = Seed.NewPassword });
        var page = await browser.SubmitAsync(totp, new Dictionary<string, string> { ["code"] = code });

        taken.AssertOk();
        reused.AssertError("ExpiredCodeException", "Your software token has already been used once.");
        Assert.Equal("Your software token has already been used once.", page.Error);
        Assert.Equal(["code"], page.Form().Inputs);
    }

    [Fact]
    public async Task MfaOn_UserWithoutAToken_ApiAsksForMfaSetup_LoginPageSaysItCannot()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.CreateUser("mfa@example.com", Password, permanent: true);
        (await client.CallAsync("SetUserPoolMfaConfig", new { emulator.UserPoolId, MfaConfiguration = "ON", SoftwareTokenMfaConfiguration = new { Enabled = true } })).AssertOk();

        var api = await client.AdminInitiateAuthAsync("mfa@example.com", Password);
        using var browser = new TestBrowser(emulator);
        var login = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));
        var page = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "mfa@example.com", ["password"] = Password });

        Assert.Equal("MFA_SETUP", api.Get("ChallengeName"));
        Assert.StartsWith("MFA setup is required", page.Error, StringComparison.Ordinal);
        Assert.Null(browser.LeftTo);
    }

    private static async Task<(string Username, string Password)> ArrangeAsync(string state, CognitoEmulator emulator, CognitoTestClient client, FakeTimeProvider time)
    {
        switch (state)
        {
            case "disabled":
                emulator.CreateUser("dora@example.com", Password, permanent: true);
                emulator.DisableUser("dora@example.com");
                return ("dora@example.com", Password);
            case "reset":
                emulator.CreateUser("rita@example.com", Password, permanent: true, [new("email_verified", "true")]);
                (await client.CallAsync("AdminResetUserPassword", new { emulator.UserPoolId, Username = "rita@example.com" })).AssertOk();
                return ("rita@example.com", Password);
            case "unconfirmed":
                (await client.CallAsync("UpdateUserPool", new
                {
                    emulator.UserPoolId,
                    MfaConfiguration = "OPTIONAL",
                    AdminCreateUserConfig = new { AllowAdminCreateUserOnly = false },
                })).AssertOk();
                (await client.CallAsync("SignUp", new { emulator.ClientId, Username = "una@example.com", Password })).AssertOk();
                return ("una@example.com", Password);
            case "expired":
                time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
                return (Seed.Username, Seed.TemporaryPassword);
            case "wrong":
                return (Seed.Username, "Wrong-Pass123!");
            default:
                return ("nobody@example.com", Password);
        }
    }

    /// <summary>Signs the seed user in, enrols a software token by access token and turns it on; returns its secret.</summary>
    private static async Task<string> EnrolAsync(CognitoTestClient client, CognitoEmulator emulator, FakeTimeProvider time)
    {
        var tokens = await client.SignInSeedUserAsync();
        var associated = await client.CallAsync("AssociateSoftwareToken", new { tokens.AccessToken });
        var secret = associated.Get("SecretCode");
        (await client.CallAsync("VerifySoftwareToken", new { tokens.AccessToken, UserCode = TestTotp.Code(secret, time.GetUtcNow()) })).AssertOk();
        (await client.CallAsync("AdminSetUserMFAPreference", new
        {
            emulator.UserPoolId,
            Username = Seed.Username,
            SoftwareTokenMfaSettings = new { Enabled = true, PreferredMfa = true },
        })).AssertOk();
        time.Advance(TimeSpan.FromSeconds(30));
        return secret;
    }
}

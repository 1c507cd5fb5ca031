using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Reference;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>
/// TOTP MFA: the pool's MFA configuration, enrolment (AssociateSoftwareToken → VerifySoftwareToken → SetUserMFAPreference),
/// the SOFTWARE_TOKEN_MFA challenge after a password or SRP proof, MFA_SETUP in a pool with MFA ON, GetUser's MFA fields,
/// and Cognito's refusals. Codes come from the tests' own RFC 6238 (<see cref="TestTotp"/>); the clock is a fake one.
/// </summary>
public sealed class SoftwareTokenMfaTests
{
    private const string Password = "Mfa-Pass1234!";
    private static readonly SeedUser Seed = ReferenceStack.TestUser;

    [Fact]
    public async Task GetUserPoolMfaConfig_ReferencePool_OptionalWithSoftwareTokens()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var config = await client.CallAsync("GetUserPoolMfaConfig", new { UserPoolId = emulator.UserPoolId });

        config.AssertOk();
        Assert.Equal("OPTIONAL", config.Get("MfaConfiguration"));
        Assert.True(config.Json.GetProperty("SoftwareTokenMfaConfiguration").GetProperty("Enabled").GetBoolean());
    }

    [Fact]
    public async Task SetUserPoolMfaConfig_OnWithSoftwareTokens_DescribedByBothAndWhatItLeavesOutStays()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);

        var before = await client.CallAsync("GetUserPoolMfaConfig", new { UserPoolId = pool.PoolId });
        var set = await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = pool.PoolId, MfaConfiguration = "ON", SoftwareTokenMfaConfiguration = new { Enabled = true } });
        var onlyMode = await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = pool.PoolId, MfaConfiguration = "OPTIONAL" });
        var described = await client.CallAsync("DescribeUserPool", new { UserPoolId = pool.PoolId });

        Assert.Equal("OFF", before.Get("MfaConfiguration"));
        Assert.False(before.Json.GetProperty("SoftwareTokenMfaConfiguration").GetProperty("Enabled").GetBoolean());
        Assert.Equal("ON", set.Get("MfaConfiguration"));
        Assert.True(set.Json.GetProperty("SoftwareTokenMfaConfiguration").GetProperty("Enabled").GetBoolean());
        Assert.True(onlyMode.Json.GetProperty("SoftwareTokenMfaConfiguration").GetProperty("Enabled").GetBoolean());
        Assert.Equal("OPTIONAL", described.Get("UserPool", "MfaConfiguration"));
        (await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = pool.PoolId, MfaConfiguration = "SOMETIMES" })).AssertError("InvalidParameterException");
    }

    [Fact]
    public async Task Enrolment_ByAccessToken_VerifiedThenEnabledAndPreferred_ReportedByGetUserAndAdminGetUser()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        var associated = await client.CallAsync("AssociateSoftwareToken", new { AccessToken = tokens.AccessToken });
        var secret = associated.Get("SecretCode");
        var wrong = await client.CallAsync("VerifySoftwareToken", new { AccessToken = tokens.AccessToken, UserCode = OtherThan(TestTotp.Code(secret, time.GetUtcNow())) });
        var verified = await client.CallAsync("VerifySoftwareToken", new { AccessToken = tokens.AccessToken, UserCode = TestTotp.Code(secret, time.GetUtcNow()), FriendlyDeviceName = "phone" });
        var afterVerify = await client.CallAsync("GetUser", new { AccessToken = tokens.AccessToken });
        var preference = await client.CallAsync("SetUserMFAPreference", new { AccessToken = tokens.AccessToken, SoftwareTokenMfaSettings = new { Enabled = true, PreferredMfa = true } });
        var user = await client.CallAsync("GetUser", new { AccessToken = tokens.AccessToken });
        var admin = await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username });

        Assert.Matches("^[A-Z2-7]{52}$", secret);
        Assert.False(associated.Json.TryGetProperty("Session", out _));
        wrong.AssertError("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");
        verified.AssertOk();
        Assert.Equal("SUCCESS", verified.Get("Status"));
        Assert.False(afterVerify.Json.TryGetProperty("UserMFASettingList", out _), "verified, not yet enabled: no MFA at sign-in in an OPTIONAL pool");
        preference.AssertOk();
        Assert.Equal("{}", preference.Text);
        foreach (var answer in new[] { user, admin })
        {
            Assert.Equal(["SOFTWARE_TOKEN_MFA"], answer.Json.GetProperty("UserMFASettingList").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal("SOFTWARE_TOKEN_MFA", answer.Get("PreferredMfaSetting"));
        }
    }

    [Fact]
    public async Task SignIn_WithTotpEnabled_SoftwareTokenMfaChallenge_WrongCodeThenReusedCodeThenTheNextStepsCode()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var (secret, verifyCode) = await EnrolSeedUserAsync(client, time);

        var challenge = await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword);
        var session = challenge.Get("Session");
        var wrong = await RespondCodeAsync(client, challenge, OtherThan(verifyCode), admin: true);
        var reused = await RespondCodeAsync(client, challenge, verifyCode, admin: true);
        time.Advance(TimeSpan.FromSeconds(30));
        var accepted = await RespondCodeAsync(client, challenge, TestTotp.Code(secret, time.GetUtcNow()), admin: true);
        var again = await RespondCodeAsync(client, challenge, TestTotp.Code(secret, time.GetUtcNow()), admin: true);

        Assert.Equal("SOFTWARE_TOKEN_MFA", challenge.Get("ChallengeName"));
        Assert.InRange(session.Length, 20, 2048);
        var parameters = CognitoTestClient.Parameters(challenge);
        Assert.Equal("phone", parameters["FRIENDLY_DEVICE_NAME"]);
        Assert.True(Guid.TryParse(parameters["USER_ID_FOR_SRP"], out _));
        wrong.AssertError("CodeMismatchException", "Invalid code received for user");
        reused.AssertError("ExpiredCodeException", "Your software token has already been used once.");
        accepted.AssertOk();
        Assert.NotNull(TokenSet.From(accepted).RefreshToken);
        again.AssertError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
    }

    [Fact]
    public async Task SignIn_SrpThenTotp_PasswordVerifierThenSoftwareTokenMfaThenTokens()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var (secret, _) = await EnrolSeedUserAsync(client, time);
        time.Advance(TimeSpan.FromSeconds(30));

        var mfa = await client.SrpSignInAsync(Seed.Username, Seed.NewPassword, now: time.GetUtcNow());
        var tokens = await RespondCodeAsync(client, mfa, TestTotp.Code(secret, time.GetUtcNow()));

        Assert.Equal("SOFTWARE_TOKEN_MFA", mfa.Get("ChallengeName"));
        tokens.AssertOk();
        Assert.StartsWith("eyJ", TokenSet.From(tokens).AccessToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SoftwareTokenMfa_AfterThreeMinutes_SessionExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var (secret, _) = await EnrolSeedUserAsync(client, time);
        var challenge = await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword);
        time.Advance(TimeSpan.FromMinutes(3));

        var late = await RespondCodeAsync(client, challenge, TestTotp.Code(secret, time.GetUtcNow()), admin: true);

        late.AssertError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    [Fact]
    public async Task MfaOn_UserWithoutToken_MfaSetupThroughSessionsThenTheNextSignInAsksForTheCode()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        (await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = emulator.UserPoolId, MfaConfiguration = "ON", SoftwareTokenMfaConfiguration = new { Enabled = true } })).AssertOk();

        // A temporary password first: NEW_PASSWORD_REQUIRED, then MFA_SETUP.
        var newPassword = await client.AdminInitiateAuthAsync(Seed.Username, Seed.TemporaryPassword);
        var setup = await client.RespondNewPasswordAsync(newPassword.Get("Session"), Seed.Username, Seed.NewPassword);
        var tooEarly = await client.RespondAsync("MFA_SETUP", setup.Get("Session"), new Dictionary<string, string> { ["USERNAME"] = Seed.Username });
        var setupAgain = await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword);
        var associated = await client.CallAsync("AssociateSoftwareToken", new { Session = setupAgain.Get("Session") });
        var secret = associated.Get("SecretCode");
        var reassociated = await client.CallAsync("AssociateSoftwareToken", new { Session = setupAgain.Get("Session") });
        var verified = await client.CallAsync("VerifySoftwareToken", new { Session = associated.Get("Session"), UserCode = TestTotp.Code(secret, time.GetUtcNow()) });
        var signedIn = await client.RespondAsync("MFA_SETUP", verified.Get("Session"), new Dictionary<string, string> { ["USERNAME"] = Seed.Username });
        time.Advance(TimeSpan.FromSeconds(30));
        var next = await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword);

        Assert.Equal("MFA_SETUP", setup.Get("ChallengeName"));
        Assert.Equal("""["SOFTWARE_TOKEN_MFA"]""", setup.Get("ChallengeParameters", "MFAS_CAN_SETUP"));
        tooEarly.AssertError("NotAuthorizedException", "Invalid session for the user.");
        Assert.Equal("MFA_SETUP", setupAgain.Get("ChallengeName"));
        Assert.Matches("^[A-Z2-7]{52}$", secret);
        reassociated.AssertError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
        Assert.Equal("SUCCESS", verified.Get("Status"));
        signedIn.AssertOk();
        Assert.NotNull(TokenSet.From(signedIn).RefreshToken);
        Assert.Equal("SOFTWARE_TOKEN_MFA", next.Get("ChallengeName"));
        (await RespondCodeAsync(client, next, TestTotp.Code(secret, time.GetUtcNow()), admin: true)).AssertOk();
    }

    [Fact]
    public async Task SetUserMFAPreference_WithoutAVerifiedToken_OrSmsOrEmail_DeliveryConfigError()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        var totp = await client.CallAsync("SetUserMFAPreference", new { AccessToken = tokens.AccessToken, SoftwareTokenMfaSettings = new { Enabled = true } });
        var sms = await client.CallAsync("SetUserMFAPreference", new { AccessToken = tokens.AccessToken, SMSMfaSettings = new { Enabled = true } });
        var email = await client.CallAsync("AdminSetUserMFAPreference", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username, EmailMfaSettings = new { Enabled = true } });
        var off = await client.CallAsync("AdminSetUserMFAPreference", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username, SoftwareTokenMfaSettings = new { Enabled = false } });

        totp.AssertError("InvalidParameterException", "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA");
        sms.AssertError("InvalidParameterException", "User does not have delivery config set to turn on SMS_MFA");
        email.AssertError("InvalidParameterException", "User does not have delivery config set to turn on EMAIL_OTP");
        off.AssertOk();
    }

    [Fact]
    public async Task AdminSetUserMFAPreference_Disabled_SignInWithoutTheCodeInAnOptionalPool()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        await EnrolSeedUserAsync(client, time);

        (await client.CallAsync("AdminSetUserMFAPreference", new { UserPoolId = emulator.UserPoolId, Username = Seed.Username, SoftwareTokenMfaSettings = new { Enabled = false, PreferredMfa = false } })).AssertOk();

        var signIn = await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword);
        signIn.AssertOk();
        Assert.NotNull(TokenSet.From(signIn).AccessToken);
    }

    [Fact]
    public async Task MfaOff_EnabledToken_IsNotAskedFor()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        await EnrolSeedUserAsync(client, time);

        (await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = emulator.UserPoolId, MfaConfiguration = "OFF" })).AssertOk();

        (await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword)).AssertOk();
    }

    [Fact]
    public async Task AssociateSoftwareToken_PoolWithoutSoftwareTokenMfa_NotFoundForThePool()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        await pool.SignUpConfirmedAsync("otto", "otto@example.com");
        var tokens = TokenSet.From(await pool.SignInAsync("otto"));

        var response = await client.CallAsync("AssociateSoftwareToken", new { AccessToken = tokens.AccessToken });
        var both = await client.CallAsync("AssociateSoftwareToken", new { AccessToken = tokens.AccessToken, Session = new string('s', 40) });

        response.AssertError("SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool.");
        both.AssertError("InvalidParameterException", "Exactly one of AccessToken or Session must be provided.");
    }

    [Fact]
    public async Task VerifySoftwareToken_NothingAssociatedOrABadCode_Refused()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();

        var nothing = await client.CallAsync("VerifySoftwareToken", new { AccessToken = tokens.AccessToken, UserCode = "123456" });
        var letters = await client.CallAsync("VerifySoftwareToken", new { AccessToken = tokens.AccessToken, UserCode = "12345a" });
        var unknownSession = await client.CallAsync("VerifySoftwareToken", new { Session = new string('s', 40), UserCode = "123456" });

        nothing.AssertError("SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user.");
        letters.AssertError("InvalidParameterException", "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+");
        unknownSession.AssertError("NotAuthorizedException", "Invalid session for the user.");
    }

    [Fact]
    public async Task Reassociation_TheOldTokenWorksUntilTheNewOneIsVerified()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var (oldSecret, _) = await EnrolSeedUserAsync(client, time);
        time.Advance(TimeSpan.FromSeconds(30));
        var signIn = await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword);
        var tokens = TokenSet.From(await RespondCodeAsync(client, signIn, TestTotp.Code(oldSecret, time.GetUtcNow()), admin: true));
        var newSecret = (await client.CallAsync("AssociateSoftwareToken", new { AccessToken = tokens.AccessToken })).Get("SecretCode");
        time.Advance(TimeSpan.FromSeconds(30));

        var withOld = await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword);
        (await RespondCodeAsync(client, withOld, TestTotp.Code(oldSecret, time.GetUtcNow()), admin: true)).AssertOk();
        (await client.CallAsync("VerifySoftwareToken", new { AccessToken = tokens.AccessToken, UserCode = TestTotp.Code(newSecret, time.GetUtcNow()) })).AssertOk();
        time.Advance(TimeSpan.FromSeconds(30));
        var withNew = await client.AdminInitiateAuthAsync(Seed.Username, Seed.NewPassword);

        (await RespondCodeAsync(client, withNew, TestTotp.Code(oldSecret, time.GetUtcNow()), admin: true)).AssertError("CodeMismatchException");
        (await RespondCodeAsync(client, withNew, TestTotp.Code(newSecret, time.GetUtcNow()), admin: true)).AssertOk();
    }

    /// <summary>The seed user through NEW_PASSWORD_REQUIRED, a software token associated, verified (as "phone") and enabled.</summary>
    private static async Task<(string Secret, string VerifyCode)> EnrolSeedUserAsync(CognitoTestClient client, FakeTimeProvider time)
    {
        var tokens = await client.SignInSeedUserAsync();
        var secret = (await client.CallAsync("AssociateSoftwareToken", new { AccessToken = tokens.AccessToken })).Get("SecretCode");
        var code = TestTotp.Code(secret, time.GetUtcNow());
        (await client.CallAsync("VerifySoftwareToken", new { AccessToken = tokens.AccessToken, UserCode = code, FriendlyDeviceName = "phone" })).AssertOk();
        (await client.CallAsync("SetUserMFAPreference", new { AccessToken = tokens.AccessToken, SoftwareTokenMfaSettings = new { Enabled = true, PreferredMfa = true } })).AssertOk();
        return (secret, code);
    }

    private static Task<CognitoResponse> RespondCodeAsync(CognitoTestClient client, CognitoResponse challenge, string code, bool admin = false) =>
        client.RespondAsync("SOFTWARE_TOKEN_MFA", challenge.Get("Session"), new Dictionary<string, string>
        {
            ["USERNAME"] = challenge.Get("ChallengeParameters", "USER_ID_FOR_SRP"),
            ["SOFTWARE_TOKEN_MFA_CODE"] = code,
        }, admin: admin);

    private static string OtherThan(string code) => code == "000000" ? "111111" : "000000";
}

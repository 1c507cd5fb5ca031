using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>
/// Codes as a second factor: the pool's SMS and e-mail MFA (SetUserPoolMfaConfig, with Cognito's requirements), the user's
/// choice (SetUserMFAPreference, AdminSetUserMFAPreference), and the <c>SMS_MFA</c> and <c>EMAIL_OTP</c> challenges after a
/// password, answered with the code from the inbox; GetUser and GetUserAuthFactors report the choice.
/// </summary>
public sealed class CodeMfaTests
{
    [Fact]
    public async Task SmsMfa_AfterThePassword_SixDigitCodeTexted_ThenTokens()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);
        (await client.CallAsync("SetUserPoolMfaConfig", new
        {
            UserPoolId = pool.PoolId,
            MfaConfiguration = "OPTIONAL",
            SmsMfaConfiguration = new { SmsAuthenticationMessage = "Code {####} for the emulator" },
        })).AssertOk();
        (await client.CallAsync("AdminSetUserMFAPreference", new { UserPoolId = pool.PoolId, Username = pool.Username, SMSMfaSettings = new { Enabled = true, PreferredMfa = true } })).AssertOk();

        var challenge = await pool.PasswordSignInAsync();
        var message = emulator.Inbox.LatestTo("+819012345678")!;
        var wrong = await pool.RespondAsync("SMS_MFA", challenge.Get("Session"), new() { ["SMS_MFA_CODE"] = "000000" == message.Code ? "111111" : "000000" });
        var tokens = await pool.RespondAsync("SMS_MFA", challenge.Get("Session"), new() { ["SMS_MFA_CODE"] = message.Code });

        Assert.Equal("SMS_MFA", challenge.Get("ChallengeName"));
        var parameters = CognitoTestClient.Parameters(challenge);
        Assert.Equal("SMS", parameters["CODE_DELIVERY_DELIVERY_MEDIUM"]);
        Assert.Equal("+********5678", parameters["CODE_DELIVERY_DESTINATION"]);
        Assert.Matches("^[0-9]{6}$", message.Code);
        Assert.Equal($"Code {message.Code} for the emulator", message.Body);
        wrong.AssertError("CodeMismatchException", "Invalid code received for user");
        tokens.AssertOk();
        Assert.NotNull(TokenSet.From(tokens).RefreshToken);
    }

    [Fact]
    public async Task EmailMfa_AfterThePassword_EmailOtpChallenge_CodeWithThePoolsTemplate_ThenTokens()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);
        (await client.CallAsync("SetUserPoolMfaConfig", new
        {
            UserPoolId = pool.PoolId,
            MfaConfiguration = "OPTIONAL",
            EmailMfaConfiguration = new { Subject = "Your code", Message = "Sign in with {####}" },
        })).AssertOk();
        var token = TokenSet.From(await pool.PasswordSignInAsync());
        (await client.CallAsync("SetUserMFAPreference", new { token.AccessToken, EmailMfaSettings = new { Enabled = true, PreferredMfa = true } })).AssertOk();
        var user = await client.CallAsync("GetUser", new { token.AccessToken });
        var factors = await client.CallAsync("GetUserAuthFactors", new { token.AccessToken });

        var challenge = await pool.PasswordSignInAsync();
        var message = emulator.Inbox.LatestTo("pat@example.com")!;
        var tokens = await pool.RespondAsync("EMAIL_OTP", challenge.Get("Session"), new() { ["EMAIL_OTP_CODE"] = message.Code });

        Assert.Equal("EMAIL_OTP", user.Get("PreferredMfaSetting"));
        Assert.Equal(["EMAIL_OTP"], user.Json.GetProperty("UserMFASettingList").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("EMAIL_OTP", factors.Get("PreferredMfaSetting"));
        Assert.Equal("EMAIL_OTP", challenge.Get("ChallengeName"));
        Assert.Equal("p***@e***", CognitoTestClient.Parameters(challenge)["CODE_DELIVERY_DESTINATION"]);
        Assert.Equal(("Your code", $"Sign in with {message.Code}", InboxMessageKind.Authentication), (message.Subject, message.Body, message.Kind));
        tokens.AssertOk();
    }

    [Fact]
    public async Task MfaOn_UserWithAPhoneAndNoToken_IsTextedACodeRatherThanAskedToSetUpMfa()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);
        (await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = pool.PoolId, MfaConfiguration = "ON", SmsMfaConfiguration = new { } })).AssertOk();

        var challenge = await pool.PasswordSignInAsync();

        Assert.Equal("SMS_MFA", challenge.Get("ChallengeName"));
        Assert.NotNull(emulator.Inbox.LatestTo("+819012345678"));
    }

    [Fact]
    public async Task ManagedLogin_SmsMfaUser_PasswordThenTheCodePage_WrongCodeShown_ThenTheTextedCode()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        (await client.CallAsync("SetUserPoolMfaConfig", new
        {
            UserPoolId = emulator.UserPoolId,
            MfaConfiguration = "OPTIONAL",
            SmsMfaConfiguration = new { SmsConfiguration = PasswordlessPool.SnsSms },
        })).AssertOk();
        const string Email = "texted@example.com", Password = "Texted-Pass123!";
        emulator.CreateUser(Email, Password, permanent: true, [new("phone_number", "+15555550123")]);
        (await client.CallAsync("AdminSetUserMFAPreference", new { UserPoolId = emulator.UserPoolId, Username = Email, SMSMfaSettings = new { Enabled = true } })).AssertOk();
        using var browser = new TestBrowser(emulator);

        var login = await browser.OpenAsync(browser.AuthorizeUrl(TestBrowser.NewVerifier()));
        var codePage = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = Email, ["password"] = Password });
        var code = emulator.Inbox.LatestTo("+15555550123")!.Code;
        var wrong = await browser.SubmitAsync(codePage, new Dictionary<string, string> { ["code"] = code == "000000" ? "111111" : "000000" });
        var landed = await browser.SubmitAsync(wrong, new Dictionary<string, string> { ["code"] = code });

        Assert.Equal(["code"], codePage.Form().Inputs);
        Assert.DoesNotContain(code, codePage.Html, StringComparison.Ordinal);
        Assert.Equal("Invalid code received for user", wrong.Error);
        Assert.StartsWith(TestBrowser.Callback + "?code=", landed.Address.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataDirectory_SignInPolicyAndCodeMfaChoices_SurviveARestart()
    {
        var data = Directory.CreateTempSubdirectory("codes-data-").FullName;
        try
        {
            string poolId, username;
            await using (var first = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = data }))
            {
                using var client = new CognitoTestClient(first);
                var pool = await PasswordlessPool.CreateAsync(client);
                (await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = pool.PoolId, MfaConfiguration = "OPTIONAL", SmsMfaConfiguration = new { } })).AssertOk();
                (await client.CallAsync("AdminSetUserMFAPreference", new { UserPoolId = pool.PoolId, Username = pool.Username, SMSMfaSettings = new { Enabled = true, PreferredMfa = true } })).AssertOk();
                (poolId, username) = (pool.PoolId, pool.Username);
            }

            await using var second = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = data });
            using var again = new CognitoTestClient(second);
            var described = await again.CallAsync("DescribeUserPool", new { UserPoolId = poolId });
            var user = await again.CallAsync("AdminGetUser", new { UserPoolId = poolId, Username = username });

            Assert.Equal(["PASSWORD", "EMAIL_OTP", "SMS_OTP"],
                described.Json.GetProperty("UserPool").GetProperty("Policies").GetProperty("SignInPolicy").GetProperty("AllowedFirstAuthFactors").EnumerateArray().Select(f => f.GetString()));
            Assert.Equal("SMS_MFA", user.Get("PreferredMfaSetting"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task SetUserPoolMfaConfig_CodeTypes_NeedMfaOnTheTierAndTheSenders_AndAreDescribed()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);
        var plain = await TestPool.CreateAsync(client);
        var lite = await client.CallAsync("CreateUserPool", new { PoolName = "lite", UserPoolTier = "LITE", EmailConfiguration = PasswordlessPool.SesEmail });

        var off = await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = pool.PoolId, MfaConfiguration = "OFF", EmailMfaConfiguration = new { } });
        var liteEmail = await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = lite.Get("UserPool", "Id"), MfaConfiguration = "OPTIONAL", EmailMfaConfiguration = new { } });
        var noSes = await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = plain.PoolId, MfaConfiguration = "OPTIONAL", EmailMfaConfiguration = new { } });
        var noSns = await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = plain.PoolId, MfaConfiguration = "OPTIONAL", SmsMfaConfiguration = new { } });
        var noPlaceholder = await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = pool.PoolId, MfaConfiguration = "OPTIONAL", EmailMfaConfiguration = new { Message = "no code here" } });
        var snsGiven = await client.CallAsync("SetUserPoolMfaConfig", new
        {
            UserPoolId = plain.PoolId,
            MfaConfiguration = "OPTIONAL",
            SmsMfaConfiguration = new { SmsConfiguration = PasswordlessPool.SnsSms },
        });
        var described = await client.CallAsync("GetUserPoolMfaConfig", new { UserPoolId = plain.PoolId });
        var smsPreference = await client.CallAsync("AdminSetUserMFAPreference", new { UserPoolId = pool.PoolId, Username = pool.Username, SMSMfaSettings = new { Enabled = true } });

        off.AssertError("InvalidParameterException", "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
        liteEmail.AssertError("FeatureUnavailableInTierException");
        noSes.AssertError("InvalidParameterException");
        noSns.AssertError("InvalidParameterException");
        noPlaceholder.AssertError("InvalidParameterException");
        snsGiven.AssertOk();
        Assert.Equal("arn:aws:iam::123456789012:role/cognito-sms",
            described.Json.GetProperty("SmsMfaConfiguration").GetProperty("SmsConfiguration").GetProperty("SnsCallerArn").GetString());
        smsPreference.AssertError("InvalidParameterException", "User does not have delivery config set to turn on SMS_MFA");
    }
}

using CognitoAuth.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>
/// Choice-based sign-in (<c>USER_AUTH</c>) through the JSON API: each first factor preferred (<c>PASSWORD</c>,
/// <c>PASSWORD_SRP</c>, <c>EMAIL_OTP</c> and <c>SMS_OTP</c> with the code from the inbox), <c>SELECT_CHALLENGE</c> without a
/// preference, what the pool's <c>SignInPolicy</c> and the user's verified addresses allow, the refusals (a client without
/// <c>ALLOW_USER_AUTH</c>, <c>WEB_AUTHN</c>, a factor not offered), the code's rules (wrong, reused, expired, too many), and
/// GetUserAuthFactors.
/// </summary>
public sealed class ChoiceBasedSignInTests
{
    private const string Email = "pat@example.com";
    private const string Phone = "+819012345678";

    [Fact]
    public async Task PreferredPassword_WithThePassword_TokensAtOnce_ThroughInitiateAuthAndAdminInitiateAuth()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);

        var direct = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "PASSWORD", ["PASSWORD"] = TestPool.Password });
        var admin = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "PASSWORD", ["PASSWORD"] = TestPool.Password }, admin: true);
        var wrong = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "PASSWORD", ["PASSWORD"] = "Wrong-Pass1!" });

        direct.AssertOk();
        Assert.StartsWith("eyJ", TokenSet.From(direct).AccessToken, StringComparison.Ordinal);
        Assert.NotNull(TokenSet.From(direct).RefreshToken);
        admin.AssertOk();
        Assert.StartsWith("eyJ", TokenSet.From(admin).IdToken, StringComparison.Ordinal);
        wrong.AssertError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task PreferredPasswordSrp_WithSrpA_PasswordVerifierThenTokens()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);
        var srp = new TestSrpClient(pool.PoolId);

        var challenge = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "PASSWORD_SRP", ["SRP_A"] = srp.SrpA });
        var parameters = CognitoTestClient.Parameters(challenge);
        var tokens = await pool.RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"), srp.Answer(parameters, TestPool.Password, DateTimeOffset.UtcNow));

        Assert.Equal("PASSWORD_VERIFIER", challenge.Get("ChallengeName"));
        Assert.Equal(pool.Username, parameters["USER_ID_FOR_SRP"]);
        tokens.AssertOk();
        Assert.StartsWith("eyJ", TokenSet.From(tokens).AccessToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreferredEmailOtp_EightDigitCodeInTheInbox_MaskedDestination_ThenTokens()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);

        var challenge = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "EMAIL_OTP" });
        var message = Assert.Single(emulator.Inbox.Messages, m => m.Kind == InboxMessageKind.Authentication);
        var tokens = await pool.RespondAsync("EMAIL_OTP", challenge.Get("Session"), new() { ["EMAIL_OTP_CODE"] = message.Code });

        Assert.Equal("EMAIL_OTP", challenge.Get("ChallengeName"));
        var parameters = CognitoTestClient.Parameters(challenge);
        Assert.Equal("EMAIL", parameters["CODE_DELIVERY_DELIVERY_MEDIUM"]);
        Assert.Equal("p***@e***", parameters["CODE_DELIVERY_DESTINATION"]);
        Assert.Equal((Email, "EMAIL"), (message.Destination, message.DeliveryMedium));
        Assert.Matches("^[0-9]{8}$", message.Code);
        Assert.Contains(message.Code, message.Body, StringComparison.Ordinal);
        tokens.AssertOk();
        Assert.NotNull(TokenSet.From(tokens).RefreshToken);
    }

    [Fact]
    public async Task PreferredSmsOtp_CodeTextedToTheVerifiedPhone_ThenTokens()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);

        var challenge = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "SMS_OTP" });
        var message = emulator.Inbox.LatestTo(Phone)!;
        var tokens = await pool.RespondAsync("SMS_OTP", challenge.Get("Session"), new() { ["SMS_OTP_CODE"] = message.Code });

        Assert.Equal("SMS_OTP", challenge.Get("ChallengeName"));
        Assert.Equal("+********5678", CognitoTestClient.Parameters(challenge)["CODE_DELIVERY_DESTINATION"]);
        Assert.Equal(("SMS", InboxMessageKind.Authentication), (message.DeliveryMedium, message.Kind));
        tokens.AssertOk();
    }

    [Fact]
    public async Task NoPreference_SelectChallengeWithWhatThePoolAndUserAllow_AnsweredWithPasswordInTheSameAnswer()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);

        var select = await pool.InitiateAsync([]);
        var tokens = await pool.RespondAsync("SELECT_CHALLENGE", select.Get("Session"), new() { ["ANSWER"] = "PASSWORD", ["PASSWORD"] = TestPool.Password });

        Assert.Equal("SELECT_CHALLENGE", select.Get("ChallengeName"));
        Assert.Equal(["PASSWORD_SRP", "PASSWORD", "EMAIL_OTP", "SMS_OTP"], Available(select));
        tokens.AssertOk();
        (await pool.RespondAsync("SELECT_CHALLENGE", select.Get("Session"), new() { ["ANSWER"] = "PASSWORD", ["PASSWORD"] = TestPool.Password }))
            .AssertError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
    }

    [Fact]
    public async Task SelectChallenge_AnsweredEmailOtp_SendsTheCode_ThenTheEmailOtpChallengeSignsIn()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);

        var select = await pool.InitiateAsync([]);
        var otp = await pool.RespondAsync("SELECT_CHALLENGE", select.Get("Session"), new() { ["ANSWER"] = "EMAIL_OTP" });
        var tokens = await pool.RespondAsync("EMAIL_OTP", otp.Get("Session"), new() { ["EMAIL_OTP_CODE"] = emulator.Inbox.LatestTo(Email)!.Code });

        Assert.Equal("EMAIL_OTP", otp.Get("ChallengeName"));
        Assert.NotEqual(select.Get("Session"), otp.Get("Session"));
        tokens.AssertOk();
    }

    [Fact]
    public async Task SelectChallenge_AnsweredPasswordSrp_WithSrpA_PasswordVerifier()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);
        var srp = new TestSrpClient(pool.PoolId);

        var select = await pool.InitiateAsync([]);
        var verifier = await pool.RespondAsync("SELECT_CHALLENGE", select.Get("Session"), new() { ["ANSWER"] = "PASSWORD_SRP", ["SRP_A"] = srp.SrpA });
        var tokens = await pool.RespondAsync("PASSWORD_VERIFIER", verifier.Get("Session"), srp.Answer(CognitoTestClient.Parameters(verifier), TestPool.Password, DateTimeOffset.UtcNow));

        Assert.Equal("PASSWORD_VERIFIER", verifier.Get("ChallengeName"));
        tokens.AssertOk();
    }

    [Fact]
    public async Task UnverifiedPhone_SmsOtpNotOffered_ItsPreferenceFallsBackToTheChoice_AndChoosingItAnywayIsRefused()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client, phoneVerified: false);

        var preferred = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "SMS_OTP" });
        var chosen = await pool.RespondAsync("SELECT_CHALLENGE", preferred.Get("Session"), new() { ["ANSWER"] = "SMS_OTP" });

        Assert.Equal("SELECT_CHALLENGE", preferred.Get("ChallengeName"));
        Assert.Equal(["PASSWORD_SRP", "PASSWORD", "EMAIL_OTP"], Available(preferred));
        chosen.AssertError("InvalidParameterException", "The challenge SMS_OTP is not available for this user: choose one of the AvailableChallenges.");
        Assert.Null(emulator.Inbox.LatestTo(Phone));
    }

    [Fact]
    public async Task PoolAllowingOnlyThePassword_OffersNoCodes()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client, factors: ["PASSWORD"]);

        var select = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "EMAIL_OTP" });

        Assert.Equal(["PASSWORD_SRP", "PASSWORD"], Available(select));
        Assert.Empty(emulator.Inbox.Messages);
    }

    [Fact]
    public async Task Refusals_ClientWithoutAllowUserAuth_WebAuthn_UnknownFactor()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);
        var other = await client.CallAsync("CreateUserPoolClient", new { UserPoolId = pool.PoolId, ClientName = "no-user-auth", ExplicitAuthFlows = new[] { "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" } });

        var notAllowed = await client.CallAsync("InitiateAuth", new
        {
            ClientId = other.Get("UserPoolClient", "ClientId"),
            AuthFlow = "USER_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = pool.Username },
        });
        var webAuthn = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "WEB_AUTHN" });
        var select = await pool.InitiateAsync([]);
        var webAuthnChosen = await pool.RespondAsync("SELECT_CHALLENGE", select.Get("Session"), new() { ["ANSWER"] = "WEB_AUTHN" });
        var unknown = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "CARRIER_PIGEON" });

        notAllowed.AssertError("InvalidParameterException", "USER_AUTH flow not enabled for this client");
        webAuthn.AssertError("InvalidParameterException", "WEB_AUTHN (passkeys) is not emulated: sign in with PASSWORD, PASSWORD_SRP, EMAIL_OTP or SMS_OTP.");
        webAuthnChosen.AssertError("InvalidParameterException");
        unknown.AssertError("InvalidParameterException");
    }

    [Fact]
    public async Task EmailOtp_WrongCodeKeepsTheSession_TheRightCodeOnce_ThenTheSessionIsSpent()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);
        var challenge = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "EMAIL_OTP" });
        var code = emulator.Inbox.LatestTo(Email)!.Code;

        var wrong = await pool.RespondAsync("EMAIL_OTP", challenge.Get("Session"), new() { ["EMAIL_OTP_CODE"] = OtherThan(code) });
        var right = await pool.RespondAsync("EMAIL_OTP", challenge.Get("Session"), new() { ["EMAIL_OTP_CODE"] = code });
        var reused = await pool.RespondAsync("EMAIL_OTP", challenge.Get("Session"), new() { ["EMAIL_OTP_CODE"] = code });

        wrong.AssertError("CodeMismatchException", "Invalid code received for user");
        right.AssertOk();
        reused.AssertError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
    }

    [Fact]
    public async Task EmailOtp_ThreeWrongCodes_EndTheSignIn_EvenForTheRightCodeAfter()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);
        var challenge = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "EMAIL_OTP" });
        var code = emulator.Inbox.LatestTo(Email)!.Code;

        var answers = new List<CognitoResponse>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await pool.RespondAsync("EMAIL_OTP", challenge.Get("Session"), new() { ["EMAIL_OTP_CODE"] = OtherThan(code) }));
        }

        var right = await pool.RespondAsync("EMAIL_OTP", challenge.Get("Session"), new() { ["EMAIL_OTP_CODE"] = code });

        answers[0].AssertError("CodeMismatchException");
        answers[1].AssertError("CodeMismatchException");
        answers[2].AssertError("NotAuthorizedException", "Invalid session for the user, too many invalid codes: sign in again.");
        right.AssertError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
    }

    [Fact]
    public async Task SmsOtp_AfterThreeMinutes_TheCodeNoLongerSignsIn()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = time });
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client);
        var challenge = await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "SMS_OTP" });
        var code = emulator.Inbox.LatestTo(Phone)!.Code;

        time.Advance(TimeSpan.FromMinutes(3));
        var late = await pool.RespondAsync("SMS_OTP", challenge.Get("Session"), new() { ["SMS_OTP_CODE"] = code });

        late.AssertError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    [Fact]
    public async Task GetUserAuthFactors_ConfiguredFactorsAndMfa_ByAccessToken()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await PasswordlessPool.CreateAsync(client, phoneVerified: false);
        var tokens = TokenSet.From(await pool.InitiateAsync(new() { ["PREFERRED_CHALLENGE"] = "PASSWORD", ["PASSWORD"] = TestPool.Password }));

        var factors = await client.CallAsync("GetUserAuthFactors", new { tokens.AccessToken });
        var bogus = await client.CallAsync("GetUserAuthFactors", new { AccessToken = "not-a-token" });

        factors.AssertOk();
        Assert.Equal(pool.Username, factors.Get("Username"));
        Assert.Equal(["PASSWORD", "EMAIL_OTP"], factors.Json.GetProperty("ConfiguredUserAuthFactors").EnumerateArray().Select(f => f.GetString()));
        Assert.False(factors.Json.TryGetProperty("UserMFASettingList", out _));
        bogus.AssertError("NotAuthorizedException");
    }

    [Fact]
    public async Task SignInPolicy_DefaultIsThePassword_PasswordlessNeedsTheTierAndTheSenders()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var plain = await client.CallAsync("CreateUserPool", new { PoolName = "plain" });
        var lite = await client.CallAsync("CreateUserPool", new
        {
            PoolName = "lite",
            UserPoolTier = "LITE",
            Policies = new { SignInPolicy = new { AllowedFirstAuthFactors = new[] { "PASSWORD", "EMAIL_OTP" } } },
            EmailConfiguration = PasswordlessPool.SesEmail,
        });
        var noSes = await client.CallAsync("CreateUserPool", new { PoolName = "no-ses", Policies = new { SignInPolicy = new { AllowedFirstAuthFactors = new[] { "PASSWORD", "EMAIL_OTP" } } } });
        var noSms = await client.CallAsync("CreateUserPool", new { PoolName = "no-sms", Policies = new { SignInPolicy = new { AllowedFirstAuthFactors = new[] { "SMS_OTP" } } } });
        var unknown = await client.CallAsync("CreateUserPool", new { PoolName = "unknown", Policies = new { SignInPolicy = new { AllowedFirstAuthFactors = new[] { "PIN" } } } });
        var pool = await PasswordlessPool.CreateAsync(client);
        var described = await client.CallAsync("DescribeUserPool", new { UserPoolId = pool.PoolId });

        plain.AssertOk();
        Assert.Equal(["PASSWORD"], Factors(plain.Json.GetProperty("UserPool")));
        lite.AssertError("FeatureUnavailableInTierException");
        noSes.AssertError("InvalidParameterException");
        Assert.Contains("EmailSendingAccount", noSes.Message, StringComparison.Ordinal);
        noSms.AssertError("InvalidParameterException");
        unknown.AssertError("InvalidParameterException");
        Assert.Equal(["PASSWORD", "EMAIL_OTP", "SMS_OTP"], Factors(described.Json.GetProperty("UserPool")));
    }

    [Fact]
    public async Task SignInPolicy_FromATemplate_OffersItsFactors()
    {
        var template = $$"""
            {
              "Resources": {
                "Pool": { "Type": "AWS::Cognito::UserPool", "Properties": {
                  "UserPoolName": "templated",
                  "Policies": { "SignInPolicy": { "AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"] } },
                  "EmailConfiguration": { "EmailSendingAccount": "DEVELOPER", "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com" } } },
                "Client": { "Type": "AWS::Cognito::UserPoolClient", "Properties": {
                  "UserPoolId": { "Ref": "Pool" }, "ExplicitAuthFlows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] } }
              }
            }
            """;
        var path = Path.Combine(Path.GetTempPath(), $"signin-policy-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, template);
        try
        {
            await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TemplatePath = path });
            using var client = new CognitoTestClient(emulator);
            var pools = await client.CallAsync("ListUserPools", new { MaxResults = 10 });
            var poolId = pools.Json.GetProperty("UserPools").EnumerateArray().Single(p => p.GetProperty("Name").GetString() == "templated").GetProperty("Id").GetString();

            var described = await client.CallAsync("DescribeUserPool", new { UserPoolId = poolId });

            Assert.Equal(["PASSWORD", "EMAIL_OTP"], Factors(described.Json.GetProperty("UserPool")));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string[] Available(CognitoResponse select) =>
        [.. select.Json.GetProperty("AvailableChallenges").EnumerateArray().Select(c => c.GetString()!)];

    private static string[] Factors(System.Text.Json.JsonElement pool) =>
        [.. pool.GetProperty("Policies").GetProperty("SignInPolicy").GetProperty("AllowedFirstAuthFactors").EnumerateArray().Select(f => f.GetString()!)];

    private static string OtherThan(string code) => code[0] == '0' ? "1" + code[1..] : "0" + code[1..];
}

/// <summary>
/// A pool set up for choice-based sign-in over the wire, as a team would: e-mail through SES and texts through SNS (both
/// configured, so Cognito's checks pass), the given first factors, a client allowing <c>USER_AUTH</c>, and one confirmed user
/// with a permanent password, a verified e-mail address and a phone number (verified unless asked otherwise).
/// </summary>
internal sealed record PasswordlessPool(CognitoTestClient Client, string PoolId, string ClientId, string Username)
{
    public static readonly object SesEmail = new { EmailSendingAccount = "DEVELOPER", SourceArn = "arn:aws:ses:us-east-1:123456789012:identity/example.com" };

    public static readonly object SnsSms = new { SnsCallerArn = "arn:aws:iam::123456789012:role/cognito-sms", ExternalId = "cognito" };

    public static async Task<PasswordlessPool> CreateAsync(CognitoTestClient client, string[]? factors = null, bool phoneVerified = true, string username = "pat")
    {
        var pool = await client.CallAsync("CreateUserPool", new
        {
            PoolName = "passwordless",
            Policies = new
            {
                PasswordPolicy = new { MinimumLength = 8, RequireNumbers = true, RequireSymbols = true },
                SignInPolicy = new { AllowedFirstAuthFactors = factors ?? ["PASSWORD", "EMAIL_OTP", "SMS_OTP"] },
            },
            EmailConfiguration = SesEmail,
            SmsConfiguration = SnsSms,
        });
        pool.AssertOk();
        var poolId = pool.Get("UserPool", "Id");
        var appClient = await client.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = poolId,
            ClientName = "passwordless-client",
            ExplicitAuthFlows = new[] { "ALLOW_USER_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        });
        appClient.AssertOk();
        (await client.CallAsync("AdminCreateUser", new
        {
            UserPoolId = poolId,
            Username = username,
            MessageAction = "SUPPRESS",
            UserAttributes = new[]
            {
                new { Name = "email", Value = "pat@example.com" },
                new { Name = "email_verified", Value = "true" },
                new { Name = "phone_number", Value = "+819012345678" },
                new { Name = "phone_number_verified", Value = phoneVerified ? "true" : "false" },
            },
        })).AssertOk();
        (await client.CallAsync("AdminSetUserPassword", new { UserPoolId = poolId, Username = username, Password = TestPool.Password, Permanent = true })).AssertOk();
        return new PasswordlessPool(client, poolId, appClient.Get("UserPoolClient", "ClientId"), username);
    }

    /// <summary>InitiateAuth (or AdminInitiateAuth) <c>USER_AUTH</c> for the user, with these parameters besides <c>USERNAME</c>.</summary>
    public Task<CognitoResponse> InitiateAsync(Dictionary<string, string> parameters, bool admin = false)
    {
        parameters["USERNAME"] = Username;
        return admin
            ? Client.CallAsync("AdminInitiateAuth", new { UserPoolId = PoolId, ClientId, AuthFlow = "USER_AUTH", AuthParameters = parameters })
            : Client.CallAsync("InitiateAuth", new { ClientId, AuthFlow = "USER_AUTH", AuthParameters = parameters });
    }

    /// <summary>RespondToAuthChallenge for the user, with these responses besides <c>USERNAME</c>.</summary>
    public Task<CognitoResponse> RespondAsync(string challengeName, string session, Dictionary<string, string> responses)
    {
        responses["USERNAME"] = Username;
        return Client.CallAsync("RespondToAuthChallenge", new { ClientId, ChallengeName = challengeName, ChallengeResponses = responses, Session = session });
    }

    /// <summary>USER_PASSWORD_AUTH for the user (the path to a second factor).</summary>
    public Task<CognitoResponse> PasswordSignInAsync() =>
        Client.CallAsync("InitiateAuth", new
        {
            ClientId,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = Username, ["PASSWORD"] = TestPool.Password },
        });
}

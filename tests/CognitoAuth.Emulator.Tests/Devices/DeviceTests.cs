using CognitoAuth.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Devices;

/// <summary>
/// Remembered devices through the JSON API, as amazon-cognito-identity-js and Amazon.Extensions.CognitoAuthentication use
/// them: the pool's <c>DeviceConfiguration</c>, <c>NewDeviceMetadata</c>, ConfirmDevice with a verifier the tests compute
/// (<see cref="TestDevice"/>), the device operations, the device's SRP in place of the TOTP code, a forgotten device, the
/// device-bound refresh tokens, SigV4 on the admin operations, and a restart. The clock is a fake one (TOTP steps, SRP
/// timestamps).
/// </summary>
public sealed class DeviceTests : IDisposable
{
    private const string Username = "dana";
    private const string Password = "Device-Pass1!";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _directory = Directory.CreateTempSubdirectory("emulator-devices-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SignIn_PoolRemembersDevices_NewDeviceMetadataWithTheTokens_NoneInAPoolThatDoesNot()
    {
        await using var emulator = await StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await DevicePoolAsync(client, challengeRequired: true, userPrompt: true);
        var plain = await DevicePoolAsync(client, deviceConfiguration: false);

        var described = await client.CallAsync("DescribeUserPool", new { UserPoolId = pool.PoolId });
        var first = await pool.SignInAsync();
        var second = await pool.SignInAsync();
        var none = await plain.SignInAsync();

        Assert.True(described.Json.GetProperty("UserPool").GetProperty("DeviceConfiguration").GetProperty("ChallengeRequiredOnNewDevice").GetBoolean());
        Assert.True(described.Json.GetProperty("UserPool").GetProperty("DeviceConfiguration").GetProperty("DeviceOnlyRememberedOnUserPrompt").GetBoolean());
        var region = pool.PoolId[..pool.PoolId.IndexOf('_')];
        Assert.Matches($"^{region}_[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$", first.Get("AuthenticationResult", "NewDeviceMetadata", "DeviceKey"));
        Assert.Matches("^-[A-Za-z0-9]{8}$", first.Get("AuthenticationResult", "NewDeviceMetadata", "DeviceGroupKey"));
        Assert.NotEqual(first.Get("AuthenticationResult", "NewDeviceMetadata", "DeviceKey"), second.Get("AuthenticationResult", "NewDeviceMetadata", "DeviceKey"));
        none.AssertOk();
        Assert.False(none.Json.GetProperty("AuthenticationResult").TryGetProperty("NewDeviceMetadata", out _));
        Assert.False((await client.CallAsync("DescribeUserPool", new { UserPoolId = plain.PoolId })).Json.GetProperty("UserPool").TryGetProperty("DeviceConfiguration", out _));
    }

    [Fact]
    public async Task ConfirmDevice_UserOptIn_NotRememberedUntilUpdateDeviceStatus_ThenListedGotAndForgotten()
    {
        await using var emulator = await StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await DevicePoolAsync(client, challengeRequired: true, userPrompt: true);
        var tokens = await pool.SignInAsync();
        var device = TestDevice.From(tokens);
        var accessToken = tokens.Get("AuthenticationResult", "AccessToken");

        var confirmed = await client.CallAsync("ConfirmDevice", new { AccessToken = accessToken, DeviceKey = device.DeviceKey, DeviceSecretVerifierConfig = device.VerifierConfig, DeviceName = "dana's laptop" });
        var again = await client.CallAsync("ConfirmDevice", new { AccessToken = accessToken, DeviceKey = device.DeviceKey, DeviceSecretVerifierConfig = device.VerifierConfig });
        var listedBefore = await client.CallAsync("ListDevices", new { AccessToken = accessToken });
        var gotBefore = await client.CallAsync("GetDevice", new { AccessToken = accessToken, DeviceKey = device.DeviceKey });
        var adminBefore = await client.CallAsync("AdminGetDevice", new { UserPoolId = pool.PoolId, Username, DeviceKey = device.DeviceKey });
        var remembered = await client.CallAsync("UpdateDeviceStatus", new { AccessToken = accessToken, DeviceKey = device.DeviceKey, DeviceRememberedStatus = "remembered" });
        var listed = await client.CallAsync("ListDevices", new { AccessToken = accessToken });
        var got = await client.CallAsync("GetDevice", new { AccessToken = accessToken, DeviceKey = device.DeviceKey });
        var badStatus = await client.CallAsync("UpdateDeviceStatus", new { AccessToken = accessToken, DeviceKey = device.DeviceKey, DeviceRememberedStatus = "always" });
        var forgotten = await client.CallAsync("ForgetDevice", new { AccessToken = accessToken, DeviceKey = device.DeviceKey });
        var gotAfter = await client.CallAsync("GetDevice", new { AccessToken = accessToken, DeviceKey = device.DeviceKey });
        var updateAfter = await client.CallAsync("UpdateDeviceStatus", new { AccessToken = accessToken, DeviceKey = device.DeviceKey, DeviceRememberedStatus = "remembered" });
        var adminAfter = await client.CallAsync("AdminListDevices", new { UserPoolId = pool.PoolId, Username });

        confirmed.AssertOk();
        Assert.True(confirmed.Json.GetProperty("UserConfirmationNecessary").GetBoolean());
        again.AssertError("DeviceKeyExistsException");
        Assert.Empty(listedBefore.Json.GetProperty("Devices").EnumerateArray());
        gotBefore.AssertError("ResourceNotFoundException", "Device does not exist.");
        Assert.Equal("not_remembered", Attribute(adminBefore, "dev:device_remembered_status"));
        remembered.AssertOk();
        Assert.Equal([device.DeviceKey], listed.Json.GetProperty("Devices").EnumerateArray().Select(d => d.GetProperty("DeviceKey").GetString()));
        Assert.Equal("remembered", Attribute(got, "dev:device_remembered_status"));
        Assert.Equal("dana's laptop", Attribute(got, "device_name"));
        Assert.Equal("valid", Attribute(got, "device_status"));
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000d, got.Json.GetProperty("Device").GetProperty("DeviceCreateDate").GetDouble(), 3);
        badStatus.AssertError("InvalidParameterException");
        forgotten.AssertOk();
        gotAfter.AssertError("ResourceNotFoundException", "Device does not exist.");
        updateAfter.AssertError("ResourceNotFoundException", "Device does not exist.");
        Assert.Empty(adminAfter.Json.GetProperty("Devices").EnumerateArray());
    }

    [Fact]
    public async Task ConfirmDevice_AnotherUsersKeyOrAnUnknownOneOrABrokenVerifier_Refused()
    {
        await using var emulator = await StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await DevicePoolAsync(client);
        await pool.CreateUserAsync("eli");
        var dana = await pool.SignInAsync();
        var eli = await pool.SignInAsync("eli");
        var danasDevice = TestDevice.From(dana);
        var eliToken = eli.Get("AuthenticationResult", "AccessToken");

        var othersKey = await client.CallAsync("ConfirmDevice", new { AccessToken = eliToken, DeviceKey = danasDevice.DeviceKey, DeviceSecretVerifierConfig = danasDevice.VerifierConfig });
        var unknown = await client.CallAsync("ConfirmDevice", new { AccessToken = eliToken, DeviceKey = "eu-west-1_00000000-0000-0000-0000-000000000000", DeviceSecretVerifierConfig = danasDevice.VerifierConfig });
        var broken = await client.CallAsync("ConfirmDevice", new { AccessToken = dana.Get("AuthenticationResult", "AccessToken"), DeviceKey = danasDevice.DeviceKey, DeviceSecretVerifierConfig = new { PasswordVerifier = "not base64!", Salt = danasDevice.Salt } });
        var noToken = await client.CallAsync("ConfirmDevice", new { AccessToken = "not-a-token", DeviceKey = danasDevice.DeviceKey, DeviceSecretVerifierConfig = danasDevice.VerifierConfig });

        othersKey.AssertError("ResourceNotFoundException", "Device does not exist.");
        unknown.AssertError("ResourceNotFoundException", "Device does not exist.");
        broken.AssertError("InvalidParameterException");
        noToken.AssertError("NotAuthorizedException");
    }

    [Fact]
    public async Task DeviceSrp_RememberedDeviceSkipsTheTotpCode_ANotRememberedOneGivesItThenProvesItself()
    {
        await using var emulator = await StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await DevicePoolAsync(client, challengeRequired: true, userPrompt: false);
        var first = await pool.SignInAsync();
        var secret = await pool.EnrolTotpAsync(first.Get("AuthenticationResult", "AccessToken"));
        var device = TestDevice.From(first);
        var confirmed = await client.CallAsync("ConfirmDevice", new { AccessToken = first.Get("AuthenticationResult", "AccessToken"), DeviceKey = device.DeviceKey, DeviceSecretVerifierConfig = device.VerifierConfig, DeviceName = "kiosk" });

        // Remembered (the pool remembers every confirmed device): the device's proof instead of the TOTP code.
        var deviceChallenge = await pool.SignInAsync(deviceKey: device.DeviceKey);
        var verifier = await pool.RespondAsync(deviceChallenge, device.SrpAuthAnswer(Username));
        var tokens = await pool.RespondAsync(verifier, device.VerifierAnswer(Username, CognitoTestClient.Parameters(verifier), _time.GetUtcNow()));

        // Not remembered: the TOTP code first, then the device proves itself.
        (await client.CallAsync("UpdateDeviceStatus", new { AccessToken = tokens.Get("AuthenticationResult", "AccessToken"), DeviceKey = device.DeviceKey, DeviceRememberedStatus = "not_remembered" })).AssertOk();
        var mfa = await pool.SignInAsync(deviceKey: device.DeviceKey);
        _time.Advance(TimeSpan.FromSeconds(30));
        var afterCode = await pool.RespondAsync(mfa, new Dictionary<string, string> { ["USERNAME"] = Username, ["SOFTWARE_TOKEN_MFA_CODE"] = TestTotp.Code(secret, _time.GetUtcNow()) });
        var verifierAgain = await pool.RespondAsync(afterCode, device.SrpAuthAnswer(Username));
        var tokensAgain = await pool.RespondAsync(verifierAgain, device.VerifierAnswer(Username, CognitoTestClient.Parameters(verifierAgain), _time.GetUtcNow()));
        var admin = await client.CallAsync("AdminGetDevice", new { UserPoolId = pool.PoolId, Username, DeviceKey = device.DeviceKey });

        Assert.False(confirmed.Json.GetProperty("UserConfirmationNecessary").GetBoolean());
        Assert.Equal("DEVICE_SRP_AUTH", deviceChallenge.Get("ChallengeName"));
        Assert.Equal("DEVICE_PASSWORD_VERIFIER", verifier.Get("ChallengeName"));
        Assert.Equal(["SALT", "SECRET_BLOCK", "SRP_B", "USERNAME"], CognitoTestClient.Parameters(verifier).Keys.Order(StringComparer.Ordinal));
        tokens.AssertOk();
        Assert.False(tokens.Json.GetProperty("AuthenticationResult").TryGetProperty("NewDeviceMetadata", out _), "a sign-in that proved a device gets no new one");
        Assert.Equal(Username, TestPool.Claims(tokens.Get("AuthenticationResult", "AccessToken")).GetProperty("username").GetString());
        Assert.Equal("SOFTWARE_TOKEN_MFA", mfa.Get("ChallengeName"));
        Assert.Equal("DEVICE_SRP_AUTH", afterCode.Get("ChallengeName"));
        tokensAgain.AssertOk();
        Assert.False(tokensAgain.Json.GetProperty("AuthenticationResult").TryGetProperty("NewDeviceMetadata", out _));
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000d, admin.Json.GetProperty("Device").GetProperty("DeviceLastAuthenticatedDate").GetDouble(), 3);
    }

    [Fact]
    public async Task DeviceSrp_PoolWhoseRememberedDevicesDoNotReplaceMfa_AsksTheCodeFirst()
    {
        await using var emulator = await StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await DevicePoolAsync(client, challengeRequired: false, userPrompt: false);
        var first = await pool.SignInAsync();
        await pool.EnrolTotpAsync(first.Get("AuthenticationResult", "AccessToken"));
        var device = await pool.ConfirmAsync(first);

        var challenge = await pool.SignInAsync(deviceKey: device.DeviceKey);

        Assert.Equal("SOFTWARE_TOKEN_MFA", challenge.Get("ChallengeName"));
    }

    [Fact]
    public async Task DeviceSrp_NoMfa_AConfirmedDeviceStillProvesItself_WithSrpToo()
    {
        await using var emulator = await StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await DevicePoolAsync(client, mfa: "OFF");
        var device = await pool.ConfirmAsync(await pool.SignInAsync());

        var srp = new TestSrpClient(pool.PoolId);
        var passwordChallenge = await client.CallAsync("InitiateAuth", new { ClientId = pool.ClientId, AuthFlow = "USER_SRP_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = Username, ["SRP_A"] = srp.SrpA } });
        var answer = srp.Answer(CognitoTestClient.Parameters(passwordChallenge), Password, _time.GetUtcNow());
        answer["DEVICE_KEY"] = device.DeviceKey;
        var deviceChallenge = await pool.RespondAsync(passwordChallenge, answer);
        var verifier = await pool.RespondAsync(deviceChallenge, device.SrpAuthAnswer(Username));
        var tokens = await pool.RespondAsync(verifier, device.VerifierAnswer(Username, CognitoTestClient.Parameters(verifier), _time.GetUtcNow()));

        Assert.Equal("DEVICE_SRP_AUTH", deviceChallenge.Get("ChallengeName"));
        tokens.AssertOk();
    }

    [Fact]
    public async Task DevicePasswordVerifier_WrongSecret_Refused_AndTheExchangeIsSpent()
    {
        await using var emulator = await StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await DevicePoolAsync(client, mfa: "OFF");
        var device = await pool.ConfirmAsync(await pool.SignInAsync());

        var deviceChallenge = await pool.SignInAsync(deviceKey: device.DeviceKey);
        var verifier = await pool.RespondAsync(deviceChallenge, device.SrpAuthAnswer(Username));
        var wrong = await pool.RespondAsync(verifier, device.VerifierAnswer(Username, CognitoTestClient.Parameters(verifier), _time.GetUtcNow(), secret: "not the device's secret"));
        var right = await pool.RespondAsync(verifier, device.VerifierAnswer(Username, CognitoTestClient.Parameters(verifier), _time.GetUtcNow()));
        var fresh = await pool.SignInAsync(deviceKey: device.DeviceKey);
        var otherKey = await pool.RespondAsync(fresh, new Dictionary<string, string>(device.SrpAuthAnswer(Username)) { ["DEVICE_KEY"] = "eu-west-1_11111111-1111-1111-1111-111111111111" });

        wrong.AssertError("NotAuthorizedException", "Incorrect username or password.");
        right.AssertError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
        otherKey.AssertError("NotAuthorizedException", "Invalid device key given.");
    }

    [Fact]
    public async Task SignIn_ForgottenDevice_DeviceDoesNotExist_AndTheSameSrpSessionAnsweredWithoutItSignsIn()
    {
        await using var emulator = await StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await DevicePoolAsync(client, mfa: "OFF");
        var tokens = await pool.SignInAsync();
        var device = await pool.ConfirmAsync(tokens);
        (await client.CallAsync("ForgetDevice", new { AccessToken = tokens.Get("AuthenticationResult", "AccessToken"), DeviceKey = device.DeviceKey })).AssertOk();

        var byPassword = await pool.SignInAsync(deviceKey: device.DeviceKey);
        var srp = new TestSrpClient(pool.PoolId);
        var challenge = await client.CallAsync("InitiateAuth", new { ClientId = pool.ClientId, AuthFlow = "USER_SRP_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = Username, ["SRP_A"] = srp.SrpA } });
        var answer = srp.Answer(CognitoTestClient.Parameters(challenge), Password, _time.GetUtcNow());
        var withDevice = await pool.RespondAsync(challenge, new Dictionary<string, string>(answer) { ["DEVICE_KEY"] = device.DeviceKey });
        var withoutDevice = await pool.RespondAsync(challenge, answer);

        byPassword.AssertError("ResourceNotFoundException", "Device does not exist.");
        withDevice.AssertError("ResourceNotFoundException", "Device does not exist.");
        withoutDevice.AssertOk();
        Assert.NotEqual(device.DeviceKey, withoutDevice.Get("AuthenticationResult", "NewDeviceMetadata", "DeviceKey"));
    }

    [Fact]
    public async Task Refresh_TokensOfADevice_WorkWithItsKeyOnly_AndStopOnceItIsForgotten()
    {
        await using var emulator = await StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await DevicePoolAsync(client, mfa: "OFF");
        var tokens = await pool.SignInAsync();
        var device = await pool.ConfirmAsync(tokens);
        var refreshToken = tokens.Get("AuthenticationResult", "RefreshToken");

        var withoutKey = await client.RefreshAsync(refreshToken, pool.ClientId);
        var withKey = await client.RefreshAsync(refreshToken, pool.ClientId, new Dictionary<string, string> { ["DEVICE_KEY"] = device.DeviceKey });
        var otherKey = await client.RefreshAsync(refreshToken, pool.ClientId, new Dictionary<string, string> { ["DEVICE_KEY"] = "eu-west-1_11111111-1111-1111-1111-111111111111" });
        var getTokens = await client.CallAsync("GetTokensFromRefreshToken", new { ClientId = pool.ClientId, RefreshToken = refreshToken, DeviceKey = device.DeviceKey });
        var getTokensWithout = await client.CallAsync("GetTokensFromRefreshToken", new { ClientId = pool.ClientId, RefreshToken = refreshToken });
        (await client.CallAsync("AdminForgetDevice", new { UserPoolId = pool.PoolId, Username, DeviceKey = device.DeviceKey })).AssertOk();
        var afterForget = await client.RefreshAsync(refreshToken, pool.ClientId, new Dictionary<string, string> { ["DEVICE_KEY"] = device.DeviceKey });

        withoutKey.AssertError("NotAuthorizedException", "Invalid Refresh Token");
        withKey.AssertOk();
        otherKey.AssertError("NotAuthorizedException", "Invalid Refresh Token");
        getTokens.AssertOk();
        getTokensWithout.AssertError("NotAuthorizedException", "Invalid Refresh Token");
        afterForget.AssertError("NotAuthorizedException", "Invalid Refresh Token");
    }

    [Fact]
    public async Task AdminDeviceOperations_NeedSigV4_AndAdminListDevicesPages()
    {
        await using var emulator = await StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await DevicePoolAsync(client, mfa: "OFF");
        var first = await pool.ConfirmAsync(await pool.SignInAsync());
        var second = await pool.ConfirmAsync(await pool.SignInAsync());

        var unsigned = await client.SendAsync(client.Request("AdminListDevices", System.Text.Encoding.UTF8.GetBytes($$"""{"UserPoolId":"{{pool.PoolId}}","Username":"{{Username}}"}""")));
        var page1 = await client.CallAsync("AdminListDevices", new { UserPoolId = pool.PoolId, Username, Limit = 1 });
        var page2 = await client.CallAsync("AdminListDevices", new { UserPoolId = pool.PoolId, Username, Limit = 1, PaginationToken = page1.Get("PaginationToken") });
        var unknownUser = await client.CallAsync("AdminListDevices", new { UserPoolId = pool.PoolId, Username = "nobody" });
        var tooMany = await client.CallAsync("AdminListDevices", new { UserPoolId = pool.PoolId, Username, Limit = 61 });

        unsigned.AssertError("MissingAuthenticationTokenException", "Missing Authentication Token");
        Assert.Equal([first.DeviceKey], page1.Json.GetProperty("Devices").EnumerateArray().Select(d => d.GetProperty("DeviceKey").GetString()));
        Assert.Equal([second.DeviceKey], page2.Json.GetProperty("Devices").EnumerateArray().Select(d => d.GetProperty("DeviceKey").GetString()));
        Assert.False(page2.Json.TryGetProperty("PaginationToken", out _));
        unknownUser.AssertError("ResourceNotFoundException", "User does not exist.");
        tooMany.AssertError("InvalidParameterException");
    }

    [Fact]
    public async Task Restart_KeepsConfirmedDevices_WhichStillProveThemselvesAndRefresh()
    {
        PoolSetup pool;
        TestDevice device;
        string refreshToken;
        await using (var first = await StartAsync(_directory))
        {
            using var client = new CognitoTestClient(first);
            pool = await DevicePoolAsync(client, mfa: "OFF");
            var tokens = await pool.SignInAsync();
            device = await pool.ConfirmAsync(tokens);
            refreshToken = tokens.Get("AuthenticationResult", "RefreshToken");
        }

        await using var second = await StartAsync(_directory);
        using var again = new CognitoTestClient(second);
        pool = pool with { Client = again };
        var listed = await again.CallAsync("AdminListDevices", new { UserPoolId = pool.PoolId, Username });
        var refreshed = await again.RefreshAsync(refreshToken, pool.ClientId, new Dictionary<string, string> { ["DEVICE_KEY"] = device.DeviceKey });
        var deviceChallenge = await pool.SignInAsync(deviceKey: device.DeviceKey);
        var verifier = await pool.RespondAsync(deviceChallenge, device.SrpAuthAnswer(Username));
        var tokensAgain = await pool.RespondAsync(verifier, device.VerifierAnswer(Username, CognitoTestClient.Parameters(verifier), _time.GetUtcNow()));

        Assert.Equal([device.DeviceKey], listed.Json.GetProperty("Devices").EnumerateArray().Select(d => d.GetProperty("DeviceKey").GetString()));
        Assert.Equal("remembered", listed.Json.GetProperty("Devices")[0].GetProperty("DeviceAttributes").EnumerateArray().Single(a => a.GetProperty("Name").GetString() == "dev:device_remembered_status").GetProperty("Value").GetString());
        refreshed.AssertOk();
        tokensAgain.AssertOk();
    }

    private static string? Attribute(CognitoResponse device, string name) =>
        device.Json.GetProperty("Device").GetProperty("DeviceAttributes").EnumerateArray()
            .Where(a => a.GetProperty("Name").GetString() == name).Select(a => a.GetProperty("Value").GetString()).SingleOrDefault();

    private Task<CognitoEmulator> StartAsync(string? dataDirectory = null) =>
        CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = _time, DataDirectory = dataDirectory });

    /// <summary>A pool with the given DeviceConfiguration and MFA, a client with the password, SRP and refresh flows, and the user dana.</summary>
    private async Task<PoolSetup> DevicePoolAsync(
        CognitoTestClient client, bool challengeRequired = true, bool userPrompt = false, string mfa = "OPTIONAL", bool deviceConfiguration = true)
    {
        var created = await client.CallAsync("CreateUserPool", new
        {
            PoolName = "device-pool",
            Policies = new { PasswordPolicy = new { MinimumLength = 8 } },
            MfaConfiguration = mfa,
            DeviceConfiguration = deviceConfiguration ? new { ChallengeRequiredOnNewDevice = challengeRequired, DeviceOnlyRememberedOnUserPrompt = userPrompt } : null,
        });
        created.AssertOk();
        var poolId = created.Get("UserPool", "Id");
        var appClient = await client.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = poolId,
            ClientName = "device-client",
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        });
        appClient.AssertOk();
        var pool = new PoolSetup(client, poolId, appClient.Get("UserPoolClient", "ClientId"), _time);
        await pool.CreateUserAsync(Username);
        return pool;
    }

    private sealed record PoolSetup(CognitoTestClient Client, string PoolId, string ClientId, FakeTimeProvider Time)
    {
        public async Task CreateUserAsync(string username)
        {
            (await Client.CallAsync("AdminCreateUser", new { UserPoolId = PoolId, Username = username, MessageAction = "SUPPRESS" })).AssertOk();
            (await Client.CallAsync("AdminSetUserPassword", new { UserPoolId = PoolId, Username = username, Password, Permanent = true })).AssertOk();
        }

        /// <summary>USER_PASSWORD_AUTH, naming a device or not.</summary>
        public Task<CognitoResponse> SignInAsync(string username = Username, string? deviceKey = null)
        {
            var parameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = Password };
            if (deviceKey is not null)
            {
                parameters["DEVICE_KEY"] = deviceKey;
            }

            return Client.CallAsync("InitiateAuth", new { ClientId, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = parameters });
        }

        public Task<CognitoResponse> RespondAsync(CognitoResponse challenge, IReadOnlyDictionary<string, string> responses)
        {
            challenge.AssertOk();
            return Client.RespondAsync(challenge.Get("ChallengeName"), challenge.Get("Session"), responses, ClientId);
        }

        /// <summary>Confirms the device a sign-in handed out, with a verifier of the test's own making.</summary>
        public async Task<TestDevice> ConfirmAsync(CognitoResponse tokens)
        {
            tokens.AssertOk();
            var device = TestDevice.From(tokens);
            (await Client.CallAsync("ConfirmDevice", new { AccessToken = tokens.Get("AuthenticationResult", "AccessToken"), DeviceKey = device.DeviceKey, DeviceSecretVerifierConfig = device.VerifierConfig })).AssertOk();
            return device;
        }

        /// <summary>Enrols and enables a TOTP token; returns its secret.</summary>
        public async Task<string> EnrolTotpAsync(string accessToken)
        {
            var secret = (await Client.CallAsync("AssociateSoftwareToken", new { AccessToken = accessToken })).Get("SecretCode");
            (await Client.CallAsync("VerifySoftwareToken", new { AccessToken = accessToken, UserCode = TestTotp.Code(secret, Time.GetUtcNow()) })).AssertOk();
            (await Client.CallAsync("SetUserMFAPreference", new { AccessToken = accessToken, SoftwareTokenMfaSettings = new { Enabled = true, PreferredMfa = true } })).AssertOk();
            return secret;
        }
    }
}

using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Tests.Authentication;

/// <summary>
/// <see cref="CognitoApiClientOptions.RememberDevice"/> against a fake pool that tracks devices, requires TOTP, skips it on a
/// remembered device and checks each device proof with the server side of SRP: the device is confirmed and remembered after
/// the first sign-in, kept with the tokens (so a second process sharing the store signs in without MFA), named on refreshes,
/// and forgotten after one full sign-in when Cognito refuses it. The verifier and the proof are checked byte for byte
/// against amazon-cognito-identity-js in Srp/DeviceSrpTests.
/// </summary>
public sealed class RememberDeviceTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;
    private static readonly byte[] TotpKey = "12345678901234567890"u8.ToArray();

    [Fact]
    public async Task FirstSignIn_PoolOffersADevice_ConfirmsRemembersAndKeepsItWithTheTokens()
    {
        using var harness = Harness();

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        var device = Assert.IsType<CognitoDevice>(tokens.Device);
        harness.Cognito.Secrets.Add(device.DevicePassword, "device password");
        var confirm = Assert.Single(harness.Cognito.Requests<ConfirmDeviceRequest>());
        Assert.Equal(device.DeviceKey, confirm.DeviceKey);
        Assert.Equal("-FakeGroup1", device.DeviceGroupKey);
        Assert.NotEmpty(confirm.DeviceSecretVerifierConfig!.PasswordVerifier!);
        var status = Assert.Single(harness.Cognito.Requests<UpdateDeviceStatusRequest>());
        Assert.Equal("remembered", status.DeviceRememberedStatus);
        Assert.True(harness.Cognito.Devices[device.DeviceKey].Remembered);
        var stored = await Store(harness).GetAsync(harness.Client().Context.StoreKey, CancellationToken.None);
        Assert.Equal(device.DevicePassword, stored!.Device!.DevicePassword);
        Assert.All(harness.Cognito.Calls, c => Assert.DoesNotContain(device.DevicePassword, System.Text.Json.JsonSerializer.Serialize(c.Request), StringComparison.Ordinal));
    }

    [Fact]
    public async Task LaterSignIn_AnotherProcessSharingTheStore_ProvesTheDeviceAndSkipsMfa()
    {
        var store = new InMemoryStore();
        using var first = Harness(services: s => s.AddSingleton<ICognitoTokenStore>(store));
        var device = (await first.Tokens.GetTokensAsync(Name)).Device!;
        first.Cognito.Secrets.Add(device.DevicePassword, "device password");
        first.Cognito.ExpireRefreshTokens();
        first.Time.Advance(TimeSpan.FromHours(2));

        // No TOTP secret: this process signs in only because the pool skips MFA on the remembered device.
        using var second = new ClientHarness(RememberDevice, s => s.AddSingleton<ICognitoTokenStore>(store), first.Cognito);
        second.Time.Advance(TimeSpan.FromHours(2));
        var tokens = await second.Tokens.GetTokensAsync(Name);

        Assert.Equal(device.DeviceKey, tokens.Device!.DeviceKey);
        var initiate = first.Cognito.Requests<AdminInitiateAuthRequest>().Last(r => r.AuthFlow == AuthFlowType.AdminUserPasswordAuth);
        Assert.Equal(device.DeviceKey, initiate.AuthParameters!["DEVICE_KEY"]);
        var answers = first.Cognito.Requests<AdminRespondToAuthChallengeRequest>().Select(a => a.ChallengeName).ToArray();
        Assert.Equal(["SOFTWARE_TOKEN_MFA", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"], answers);
        Assert.Single(first.Cognito.Requests<ConfirmDeviceRequest>());
        Assert.Single(first.Cognito.Devices);
    }

    [Fact]
    public async Task UserSrp_RememberedDevice_ProvesThePasswordThenTheDevice()
    {
        using var harness = Harness(o => o.AuthFlow = CognitoAuthFlow.UserSrp);
        var device = (await harness.Tokens.GetTokensAsync(Name)).Device!;
        harness.Cognito.Secrets.Add(device.DevicePassword, "device password");
        harness.Cognito.ExpireRefreshTokens();
        harness.Time.Advance(TimeSpan.FromHours(2));

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(device.DeviceKey, tokens.Device!.DeviceKey);
        Assert.Equal(device.DevicePassword, tokens.Device.DevicePassword);
        var answers = harness.Cognito.Requests<RespondToAuthChallengeRequest>().Select(a => a.ChallengeName).ToArray();
        Assert.Equal(["PASSWORD_VERIFIER", "SOFTWARE_TOKEN_MFA", "PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"], answers);
        var deviceAnswer = harness.Cognito.Requests<RespondToAuthChallengeRequest>().Last().ChallengeResponses!;
        Assert.Equal(device.DeviceKey, deviceAnswer["DEVICE_KEY"]);
        Assert.Equal(harness.Cognito.CognitoUsername, deviceAnswer["USERNAME"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Refresh_TokensOfARememberedDevice_NameTheDeviceAndKeepIt(bool rotate)
    {
        using var harness = Harness();
        harness.Cognito.RotateRefreshTokens = rotate;
        var device = (await harness.Tokens.GetTokensAsync(Name)).Device!;
        harness.Cognito.Secrets.Add(device.DevicePassword, "device password");
        harness.Time.Advance(TimeSpan.FromMinutes(59.5));

        var refreshed = await harness.Tokens.GetTokensAsync(Name);

        Assert.Same(device, refreshed.Device);
        Assert.Equal(1, harness.Cognito.SignIns);
        if (rotate)
        {
            Assert.Equal(device.DeviceKey, harness.Cognito.Requests<GetTokensFromRefreshTokenRequest>().Last().DeviceKey);
        }
        else
        {
            var refresh = harness.Cognito.Requests<AdminInitiateAuthRequest>().Single(r => r.AuthFlow == AuthFlowType.RefreshTokenAuth);
            Assert.Equal(device.DeviceKey, refresh.AuthParameters!["DEVICE_KEY"]);
        }
    }

    [Fact]
    public async Task ForgottenDevice_CognitoRefusesIt_OneFullSignInRemembersANewDevice()
    {
        using var harness = Harness();
        var old = (await harness.Tokens.GetTokensAsync(Name)).Device!;
        harness.Cognito.Secrets.Add(old.DevicePassword, "device password");
        harness.Cognito.ForgetDevice(old.DeviceKey);
        harness.Time.Advance(TimeSpan.FromHours(2));

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        harness.Cognito.Secrets.Add(tokens.Device!.DevicePassword, "device password");
        Assert.NotEqual(old.DeviceKey, tokens.Device.DeviceKey);
        var signIns = harness.Cognito.Requests<AdminInitiateAuthRequest>().Where(r => r.AuthFlow == AuthFlowType.AdminUserPasswordAuth).ToArray();
        Assert.Equal(3, signIns.Length); // the first, the one refused for its device, the one without
        Assert.Equal(old.DeviceKey, signIns[1].AuthParameters!["DEVICE_KEY"]);
        Assert.DoesNotContain("DEVICE_KEY", signIns[2].AuthParameters!.Keys);
        Assert.Equal(2, harness.Cognito.Requests<ConfirmDeviceRequest>().Count());
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "RememberedDeviceRefused");
        var stored = await Store(harness).GetAsync(harness.Client().Context.StoreKey, CancellationToken.None);
        Assert.Equal(tokens.Device.DeviceKey, stored!.Device!.DeviceKey);
    }

    [Fact]
    public async Task DeviceProofRefused_SignsInOnceMoreWithoutTheDevice()
    {
        using var harness = Harness();
        var tokens = await harness.Tokens.GetTokensAsync(Name);
        harness.Cognito.Secrets.Add(tokens.Device!.DevicePassword, "device password");
        var wrong = new CognitoDevice { DeviceKey = tokens.Device.DeviceKey, DeviceGroupKey = tokens.Device.DeviceGroupKey, DevicePassword = "not-the-device-password" };
        await Store(harness).SetAsync(harness.Client().Context.StoreKey, Expired(tokens, wrong), CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromHours(2));

        var renewed = await harness.Tokens.GetTokensAsync(Name);

        harness.Cognito.Secrets.Add(renewed.Device!.DevicePassword, "device password");
        var answers = harness.Cognito.Requests<AdminRespondToAuthChallengeRequest>().Select(a => a.ChallengeName).ToArray();
        Assert.Equal(["SOFTWARE_TOKEN_MFA", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER", "SOFTWARE_TOKEN_MFA"], answers);
        Assert.NotEqual(tokens.Device.DeviceKey, renewed.Device.DeviceKey);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "RememberedDeviceRefused");
    }

    [Fact]
    public async Task RememberDeviceOff_PoolTracksDevices_SendsNoDeviceKeyAndConfirmsNothing()
    {
        using var harness = new ClientHarness(o => o.TotpSecret = FakeCognito.Base32Of(TotpKey));
        harness.Cognito.TotpKey = TotpKey;
        harness.Cognito.TrackDevices = true;

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.Null(tokens.Device);
        Assert.Empty(harness.Cognito.Requests<ConfirmDeviceRequest>());
        Assert.DoesNotContain(harness.Cognito.Requests<AdminInitiateAuthRequest>(), r => r.AuthParameters!.ContainsKey("DEVICE_KEY"));
    }

    [Fact]
    public async Task PoolRemembersWithoutAsking_ConfirmsOnly()
    {
        using var harness = Harness();
        harness.Cognito.DeviceConfirmationNecessary = false;

        var device = (await harness.Tokens.GetTokensAsync(Name)).Device!;

        harness.Cognito.Secrets.Add(device.DevicePassword, "device password");
        Assert.Empty(harness.Cognito.Requests<UpdateDeviceStatusRequest>());
        Assert.True(harness.Cognito.Devices[device.DeviceKey].Remembered);
    }

    [Fact]
    public async Task ConfirmDeviceRefused_TheSignInStandsWithoutADevice()
    {
        using var harness = Harness();
        harness.Cognito.BeforeCall = operation => operation == nameof(FakeCognito.ConfirmDeviceAsync)
            ? throw new CognitoException("LimitExceededException", "Too many devices.", System.Net.HttpStatusCode.BadRequest, null, isRetryable: false)
            : Task.CompletedTask;

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.NotNull(tokens.AccessToken);
        Assert.Null(tokens.Device);
        Assert.Empty(harness.Cognito.Requests<UpdateDeviceStatusRequest>());
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "DeviceNotRemembered");
    }

    [Fact]
    public void RememberDevice_WithAFlowThatSignsNoUserIn_FailsNamingTheKey()
    {
        using var harness = new ClientHarness(o =>
        {
            o.AuthFlow = CognitoAuthFlow.ClientCredentials;
            o.Username = null;
            o.Password = null;
            o.ClientSecret = "machine-secret";
            o.TokenEndpoint = new Uri("https://pool.auth.example.com/oauth2/token");
            o.RememberDevice = true;
        });

        var failures = Assert.Throws<OptionsValidationException>(() => harness.Tokens.GetTokensAsync(Name).GetAwaiter().GetResult()).Failures;

        Assert.Contains(failures, f => f.Contains("RememberDevice applies only to AuthFlow", StringComparison.Ordinal));
    }

    [Fact]
    public void ToString_TokensWithADevice_ShowsItsKeyButNotItsPassword()
    {
        var device = new CognitoDevice { DeviceKey = "ap-northeast-1_device-key", DeviceGroupKey = "-group", DevicePassword = "device-password-secret" };
        var tokens = new CognitoTokenSet { AccessToken = "access", IssuedAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.UnixEpoch, Device = device };

        foreach (var text in new[] { device.ToString(), tokens.ToString() })
        {
            Assert.Contains("ap-northeast-1_device-key", text, StringComparison.Ordinal);
            Assert.DoesNotContain("device-password-secret", text, StringComparison.Ordinal);
        }
    }

    private static ClientHarness Harness(Action<CognitoApiClientOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var harness = new ClientHarness(
            o =>
            {
                RememberDevice(o);
                o.TotpSecret = FakeCognito.Base32Of(TotpKey);
                configure?.Invoke(o);
            },
            services);
        harness.Cognito.TotpKey = TotpKey;
        harness.Cognito.TrackDevices = true;
        return harness;
    }

    private static void RememberDevice(CognitoApiClientOptions options) => options.RememberDevice = true;

    private static CognitoTokenSet Expired(CognitoTokenSet tokens, CognitoDevice device) => new()
    {
        AccessToken = tokens.AccessToken,
        IssuedAt = tokens.IssuedAt,
        ExpiresAt = tokens.IssuedAt,
        Username = tokens.Username,
        Device = device,
    };

    private static ICognitoTokenStore Store(ClientHarness harness) => harness.Services.GetRequiredService<ICognitoTokenStore>();

    private sealed class InMemoryStore : ICognitoTokenStore
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CognitoTokenSet> _entries = new();

        public ValueTask<CognitoTokenSet?> GetAsync(string key, CancellationToken cancellationToken) => new(_entries.GetValueOrDefault(key));

        public ValueTask SetAsync(string key, CognitoTokenSet tokens, CancellationToken cancellationToken)
        {
            _entries[key] = tokens;
            return ValueTask.CompletedTask;
        }

        public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
        {
            _entries.TryRemove(key, out _);
            return ValueTask.CompletedTask;
        }
    }
}

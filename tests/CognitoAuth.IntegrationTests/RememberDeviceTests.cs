using CognitoAuth.Client;
using CognitoAuth.Emulator;
using CognitoAuth.IntegrationTests.Infrastructure;
using CognitoAuth.Reference;
using CognitoAuth.Testing.Emulated;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// <see cref="CognitoApiClientOptions.RememberDevice"/> against the emulator, each side written apart: in a pool that requires
/// TOTP MFA and tracks devices, the first sign-in answers the code and confirms and remembers the device Cognito hands out;
/// once the tokens are gone for good (refresh token expired), a process that shares the token store but has no TOTP secret
/// signs in on the stored device alone (the emulator's SRP server checks the device proof) and reaches the API; a device
/// forgotten at Cognito costs one full sign-in, which remembers a new one.
/// </summary>
public sealed class RememberDeviceTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;
    private static readonly Uri Hello = new("hello", UriKind.Relative);

    [Theory]
    [InlineData(CognitoAuthFlow.AdminUserPassword, "AdminRespondToAuthChallenge")]
    [InlineData(CognitoAuthFlow.UserSrp, "RespondToAuthChallenge")]
    public async Task MfaRequired_DeviceRemembered_ASignInWithoutTokensSkipsTheCode(CognitoAuthFlow flow, string answers)
    {
        await using var run = await RememberedAsync(flow);
        Assert.Equal(1, run.Emulator.CognitoRequests["ConfirmDevice"]);
        Assert.Equal(1, run.Emulator.CognitoRequests["UpdateDeviceStatus"]); // the pool remembers only when asked
        var answered = run.Emulator.CognitoRequests[answers];

        run.Clock.Advance(TimeSpan.FromHours(3)); // access and refresh tokens expired: only the device is left
        await using var second = await run.HostAsync(flow, totpSecret: null);

        // No TotpSecret: only a sign-in that skips the code gets through.
        Assert.Equal("Hello from a protected API!", await second.Http.GetStringAsync(Hello));
        var tokens = await second.Tokens.GetTokensAsync(Name);

        Assert.Equal(run.Device.DeviceKey, tokens.Device?.DeviceKey);
        Assert.Equal(1, run.Emulator.CognitoRequests["ConfirmDevice"]);

        // (PASSWORD_VERIFIER,) DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER: no SOFTWARE_TOKEN_MFA.
        Assert.Equal(answered + (flow == CognitoAuthFlow.UserSrp ? 3 : 2), run.Emulator.CognitoRequests[answers]);
        Assert.DoesNotContain(second.Logs.GetSnapshot(), r => r.Id.Name == "RememberedDeviceRefused");
    }

    [Theory]
    [InlineData(CognitoAuthFlow.AdminUserPassword)] // refused at AdminInitiateAuth
    [InlineData(CognitoAuthFlow.UserSrp)] // refused at the PASSWORD_VERIFIER answer that names it
    public async Task DeviceForgottenAtCognito_OneFullSignInWithTheCode_RemembersANewDevice(CognitoAuthFlow flow)
    {
        await using var run = await RememberedAsync(flow);
        await using (var admin = await ClientHost.StartAsync(run.Emulator, clock: run.Clock))
        {
            await run.Emulator.AdminAsync(admin.Services, "AdminForgetDevice", new
            {
                UserPoolId = run.Emulator.UserPoolId,
                Username = ReferenceStack.TestUser.Username,
                DeviceKey = run.Device.DeviceKey,
            });
        }

        run.Clock.Advance(TimeSpan.FromHours(3));
        await using var second = await run.HostAsync(flow, run.TotpSecret);

        Assert.Equal("Hello from a protected API!", await second.Http.GetStringAsync(Hello));
        var tokens = await second.Tokens.GetTokensAsync(Name);
        second.Secrets.Add(tokens.Device?.DevicePassword, "device password");

        Assert.NotNull(tokens.Device);
        Assert.NotEqual(run.Device.DeviceKey, tokens.Device.DeviceKey);
        Assert.Equal(2, run.Emulator.CognitoRequests["ConfirmDevice"]);
        Assert.Contains(second.Logs.GetSnapshot(), r => r.Id.Name == "RememberedDeviceRefused");
    }

    /// <summary>
    /// The emulator with a pool that requires TOTP MFA and tracks devices, its seed user enrolled (while MFA was optional),
    /// and a first sign-in that answered the code and remembered the device in the shared store.
    /// </summary>
    private static async Task<RememberedRun> RememberedAsync(CognitoAuthFlow flow)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions
        {
            TimeProvider = clock,
            SignatureTimeProvider = clock,
            RefreshTokenLifetime = TimeSpan.FromHours(2),
        });
        string secret;
        await using (var enrolling = await ClientHost.StartAsync(emulator, clock: clock))
        {
            secret = (await enrolling.Services.GetRequiredService<ICognitoTotpEnrolment>().EnrolAsync(Name, "integration")).Secret;
            await emulator.RequireMfaAndTrackDevicesAsync(enrolling.Services);
        }

        clock.Advance(TimeSpan.FromSeconds(30)); // the enrolment spent this step's code
        var run = new RememberedRun(emulator, clock, new SharedStore(), secret);
        await using var first = await run.HostAsync(flow, secret);
        Assert.Equal("Hello from a protected API!", await first.Http.GetStringAsync(Hello));
        run.Device = (await first.Tokens.GetTokensAsync(Name)).Device ?? throw new Xunit.Sdk.XunitException("No device was remembered.");
        first.Secrets.Add(run.Device.DevicePassword, "device password");
        return run;
    }

    private sealed class RememberedRun(CognitoEmulator emulator, FakeTimeProvider clock, SharedStore store, string totpSecret) : IAsyncDisposable
    {
        public CognitoEmulator Emulator { get; } = emulator;

        public FakeTimeProvider Clock { get; } = clock;

        public string TotpSecret { get; } = totpSecret;

        public CognitoDevice Device { get; set; } = null!;

        /// <summary>A process of the app, signing the seed user in with <paramref name="flow"/>, sharing the token store.</summary>
        public async Task<ClientHost> HostAsync(CognitoAuthFlow flow, string? totpSecret)
        {
            var host = await ClientHost.StartAsync(Emulator, o => RememberDevice(o, flow, totpSecret), Clock, services: s => s.AddSingleton<ICognitoTokenStore>(store));
            host.Secrets.Add(Device?.DevicePassword, "device password");
            return host;
        }

        public ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }

    private static void RememberDevice(CognitoApiClientOptions options, CognitoAuthFlow flow, string? totpSecret)
    {
        options.AuthFlow = flow;
        options.Password = options.NewPassword; // set by the enrolling client's sign-in
        options.NewPassword = null;
        options.TotpSecret = totpSecret;
        options.RememberDevice = true;
    }

    /// <summary>A token store two hosts share, as two processes share Redis or a file.</summary>
    private sealed class SharedStore : ICognitoTokenStore
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CognitoTokenSet> _entries = new(StringComparer.Ordinal);

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

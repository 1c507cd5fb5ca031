using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CognitoAuth.Benchmarks.Infrastructure;
using CognitoAuth.Client.Cognito.Signing;
using CognitoAuth.Emulator;

namespace CognitoAuth.Benchmarks.Emulator;

/// <summary>
/// Targets 7a and 7b (issue 21): what a test that starts its own emulator waits for. <see cref="StartToFirstSignIn"/> is
/// <c>CognitoEmulator.StartAsync</c>, one confirmed user, and its first <c>InitiateAuth</c> (the first token signed with the
/// reference pool's key), warm: this process has started emulators before, as a test suite has after its first test.
/// <see cref="CreateUserPool"/> is one SigV4-signed <c>CreateUserPool</c> request on a running emulator, answered with a
/// pool whose key is ready to sign. Disposing the emulator is not measured. The job runs in the host process (no generated
/// project to build: on a busy 2-core machine that build alone outlasts BenchmarkDotNet's two-minute limit), which is also
/// where a test suite's emulators start.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessMacro))]
public class EmulatorStartupBenchmarks
{
    private const string Username = "startup@example.com";
    private const string Password = "Startup-passw0rd!";

    private readonly HttpClient _http = new();
    private CognitoEmulator? _started;
    private CognitoEmulator _running = null!;
    private ImmutableCredentials _credentials = null!;
    private int _pools;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _running = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SeedTestUser = false });
        _credentials = new ImmutableCredentials(_running.Credentials.AccessKeyId, _running.Credentials.SecretAccessKey, null);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _running.DisposeAsync();
        _http.Dispose();
    }

    [IterationCleanup(Target = nameof(StartToFirstSignIn))]
    public void StopStarted()
    {
        _started?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _started = null;
    }

    [Benchmark(Description = "StartAsync → first sign-in")]
    public async Task StartToFirstSignIn()
    {
        _started = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SeedTestUser = false });
        _started.CreateUser(Username, Password, permanent: true);
        var credentials = new ImmutableCredentials(_started.Credentials.AccessKeyId, _started.Credentials.SecretAccessKey, null);
        var signIn = new SignInRequests(_started.CognitoEndpoint, _started.Region, _started.UserPoolId, _started.ClientId, Username, Password, credentials);
        await signIn.AccessTokenAsync(_http, "InitiateAuth");
    }

    [Benchmark(Description = "CreateUserPool")]
    public async Task CreateUserPool()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["PoolName"] = $"bench-{_pools++}" });
        using var request = new HttpRequestMessage(HttpMethod.Post, _running.CognitoEndpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService.CreateUserPool");
        SigV4Signer.Sign(request, body, _credentials, _running.Region, SigV4Signer.CognitoService, TimeProvider.System.GetUtcNow());
        using var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"CreateUserPool answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync())}");
        }
    }

    private sealed class InProcessMacro : ManualConfig
    {
        public InProcessMacro() => AddJob(BenchJobs.Macro(20).WithToolchain(InProcessEmitToolchain.Instance));
    }
}

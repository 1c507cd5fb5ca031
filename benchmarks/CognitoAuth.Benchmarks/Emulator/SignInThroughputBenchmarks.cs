using System.Net;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using CognitoAuth.Benchmarks.Infrastructure;
using CognitoAuth.Emulator;

namespace CognitoAuth.Benchmarks.Emulator;

/// <summary>
/// Target 3a: sign-ins per second, the emulator against cognito-local, same load in the same run. One load generator
/// (<see cref="LoadGenerator.Concurrency"/> concurrent requests over pooled loopback connections) signs the same kind of
/// confirmed user in, back to back: <c>InitiateAuth</c> (USER_PASSWORD_AUTH, unsigned) and <c>AdminInitiateAuth</c>
/// (ADMIN_USER_PASSWORD_AUTH, SigV4-signed per request: the emulator verifies the signature, cognito-local ignores it).
/// The emulator runs in this process, cognito-local in its own node process.
/// </summary>
[MemoryDiagnoser]
[MacroJob(iterations: 10)]
public class SignInThroughputBenchmarks
{
    private const int CognitoLocalBatch = 200;
    private const int EmulatorBatch = 2000;

    private readonly LoadGenerator _load = new();
    private CognitoEmulator _emulator = null!;
    private CognitoLocalPeer _cognitoLocal = null!;
    private SignInRequests _toEmulator = null!;
    private SignInRequests _toCognitoLocal = null!;

    [Params("InitiateAuth", "AdminInitiateAuth")]
    public string Operation { get; set; } = "InitiateAuth";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SeedTestUser = false });
        _emulator.CreateUser(CognitoLocalPeer.Username, CognitoLocalPeer.Password, permanent: true);
        var credentials = new ImmutableCredentials(_emulator.Credentials.AccessKeyId, _emulator.Credentials.SecretAccessKey, null);
        _toEmulator = new SignInRequests(_emulator.CognitoEndpoint, _emulator.Region, _emulator.UserPoolId, _emulator.ClientId, CognitoLocalPeer.Username, CognitoLocalPeer.Password, credentials);

        _cognitoLocal = await CognitoLocalPeer.StartAsync();
        _toCognitoLocal = new SignInRequests(_cognitoLocal.Endpoint, _emulator.Region, _cognitoLocal.UserPoolId, _cognitoLocal.ClientId, CognitoLocalPeer.Username, CognitoLocalPeer.Password, credentials);

        using var http = new HttpClient();
        await _toEmulator.AccessTokenAsync(http, Operation);
        await _toCognitoLocal.AccessTokenAsync(http, Operation);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _load.Dispose();
        await _cognitoLocal.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CognitoLocalBatch, Description = "cognito-local 5.3.0")]
    public Task CognitoLocal() => _load.RunAsync(CognitoLocalBatch, () => _toCognitoLocal.Create(Operation), HttpStatusCode.OK);

    [Benchmark(OperationsPerInvoke = EmulatorBatch, Description = "CognitoAuth.Emulator")]
    public Task Emulator() => _load.RunAsync(EmulatorBatch, () => _toEmulator.Create(Operation), HttpStatusCode.OK);
}

using System.Net;
using System.Net.Http.Headers;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using CognitoAuth.Benchmarks.Infrastructure;
using CognitoAuth.Emulator;

namespace CognitoAuth.Benchmarks.Emulator;

/// <summary>
/// Target 3b: authorized <c>GET /hello</c> per second at the API front, same load in the same run. The emulator's HTTP API
/// front (JWT authorizer, then the real Lambda handler on a payload-2.0 event) against the cognito-local stand-in
/// (<see cref="CognitoLocalApi"/>: a minimal API validating cognito-local's tokens, answering the greeting itself).
/// Each side gets a token its own Cognito issued.
/// </summary>
[MemoryDiagnoser]
[MacroJob(iterations: 20)]
public class ApiThroughputBenchmarks
{
    private const int Batch = 2000;

    private readonly LoadGenerator _load = new();
    private CognitoEmulator _emulator = null!;
    private CognitoLocalPeer _cognitoLocal = null!;
    private CognitoLocalApi _standIn = null!;
    private AuthenticationHeaderValue _emulatorToken = null!;
    private AuthenticationHeaderValue _cognitoLocalToken = null!;
    private Uri _emulatorHello = null!;
    private Uri _standInHello = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        using var http = new HttpClient();
        _emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SeedTestUser = false });
        _emulator.CreateUser(CognitoLocalPeer.Username, CognitoLocalPeer.Password, permanent: true);
        var credentials = new ImmutableCredentials(_emulator.Credentials.AccessKeyId, _emulator.Credentials.SecretAccessKey, null);
        var emulatorToken = await new SignInRequests(_emulator.CognitoEndpoint, _emulator.Region, _emulator.UserPoolId, _emulator.ClientId, CognitoLocalPeer.Username, CognitoLocalPeer.Password, credentials)
            .AccessTokenAsync(http, "InitiateAuth");

        _cognitoLocal = await CognitoLocalPeer.StartAsync();
        var cognitoLocalToken = await new SignInRequests(_cognitoLocal.Endpoint, _emulator.Region, _cognitoLocal.UserPoolId, _cognitoLocal.ClientId, CognitoLocalPeer.Username, CognitoLocalPeer.Password, credentials)
            .AccessTokenAsync(http, "InitiateAuth");
        _standIn = await CognitoLocalApi.StartAsync(_cognitoLocal, cognitoLocalToken);

        _emulatorToken = new AuthenticationHeaderValue("Bearer", emulatorToken);
        _cognitoLocalToken = new AuthenticationHeaderValue("Bearer", cognitoLocalToken);
        _emulatorHello = new Uri(_emulator.ApiUrl, "hello");
        _standInHello = new Uri(_standIn.BaseAddress, "hello");

        // Each front must accept its own token and refuse none: one request each, checked for the greeting.
        foreach (var (uri, token) in new[] { (_emulatorHello, _emulatorToken), (_standInHello, _cognitoLocalToken) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Headers = { Authorization = token } };
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains("Hello from a protected API!", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"GET {uri} answered {(int)response.StatusCode}: {body}");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _load.Dispose();
        await _standIn.DisposeAsync();
        await _cognitoLocal.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "cognito-local token → minimal API stand-in")]
    public Task CognitoLocalWithMinimalApi() =>
        _load.RunAsync(Batch, () => new HttpRequestMessage(HttpMethod.Get, _standInHello) { Headers = { Authorization = _cognitoLocalToken } }, HttpStatusCode.OK);

    [Benchmark(OperationsPerInvoke = Batch, Description = "emulator token → emulator HTTP API front")]
    public Task Emulator() =>
        _load.RunAsync(Batch, () => new HttpRequestMessage(HttpMethod.Get, _emulatorHello) { Headers = { Authorization = _emulatorToken } }, HttpStatusCode.OK);
}

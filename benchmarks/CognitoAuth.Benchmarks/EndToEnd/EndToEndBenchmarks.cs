using System.Net;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using CognitoAuth.Benchmarks.Infrastructure;
using CognitoAuth.Client;
using CognitoAuth.Emulator;
using Microsoft.Extensions.DependencyInjection;
using CognitoAuth.Testing.Emulated;

namespace CognitoAuth.Benchmarks.EndToEnd;

/// <summary>
/// Target 4: requests per second against the local stack (the emulator: Cognito endpoint and HTTP API front with its JWT
/// authorizer and the real Lambda handler), all to <c>GET /hello</c> with the same load generator:
/// <list type="bullet">
/// <item>unauthenticated — no token; the front answers 401 before any signature check or Lambda (the baseline the issue names);</item>
/// <item>authorized, raw — a plain HttpClient with a fixed, valid bearer token: what the server side of an authorized call costs;</item>
/// <item>authorized, client — the sample's path: <c>AddCognitoApiClient</c> and its handler (seeded user, NEW_PASSWORD_REQUIRED answered once in setup).</item>
/// </list>
/// Raw vs client is the library's share end to end; unauthenticated vs raw is the authorizer and the Lambda.
/// </summary>
[MemoryDiagnoser]
[MacroJob(iterations: 20)]
public class EndToEndBenchmarks
{
    private const int Batch = 2000;

    private readonly LoadGenerator _load = new();
    private CognitoEmulator _emulator = null!;
    private ServiceProvider _services = null!;
    private HttpClient _client = null!;
    private Uri _hello = null!;
    private AuthenticationHeaderValue _token = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = await CognitoEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddEmulatorCredentials(_emulator);
        services.AddCognitoApiClient(options => options.UseEmulator(_emulator))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                MaxConnectionsPerServer = LoadGenerator.Concurrency,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                UseCookies = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        _services = services.BuildServiceProvider();
        _client = _services.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName);
        _hello = new Uri(_emulator.ApiUrl, "hello");

        // Sign in (NEW_PASSWORD_REQUIRED answered) once; the measured requests use the cached token.
        var answer = await _client.GetStringAsync(_hello);
        if (!answer.Contains("Hello from a protected API!", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET /hello answered: {answer}");
        }

        var tokens = await _services.GetRequiredService<ICognitoTokenProvider>().GetTokensAsync(CognitoApiClientOptions.DefaultName);
        _token = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _load.Dispose();
        await _services.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "unauthenticated GET /hello (401 at the authorizer)")]
    public Task Unauthenticated() => _load.RunAsync(Batch, () => new HttpRequestMessage(HttpMethod.Get, _hello), HttpStatusCode.Unauthorized);

    [Benchmark(OperationsPerInvoke = Batch, Description = "authorized GET /hello, raw HttpClient + fixed token")]
    public Task AuthorizedRaw() =>
        _load.RunAsync(Batch, () => new HttpRequestMessage(HttpMethod.Get, _hello) { Headers = { Authorization = _token } }, HttpStatusCode.OK);

    [Benchmark(OperationsPerInvoke = Batch, Description = "authorized GET /hello through AddCognitoApiClient")]
    public Task Authorized() => LoadGenerator.RunAsync(_client, Batch, () => new HttpRequestMessage(HttpMethod.Get, _hello), HttpStatusCode.OK);
}

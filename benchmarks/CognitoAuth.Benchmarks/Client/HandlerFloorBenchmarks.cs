using System.Net;
using BenchmarkDotNet.Attributes;
using CognitoAuth.Benchmarks.Infrastructure;

namespace CognitoAuth.Benchmarks.Client;

/// <summary>
/// Where target 1's overhead goes: plain <c>HttpClient</c>s (no factory) over the in-memory terminal, each with one
/// delegating handler doing a little more — nothing; setting a prebuilt <c>Authorization</c> value; that plus one read of
/// the wall clock (what checking a token's expiry against it needs); that plus one read of the monotonic tick count (what
/// the Cognito handler reads between its once-a-second wall-clock checks); and the real Cognito handler. The floor any
/// bearer handler with an expiry check has, on this machine.
/// </summary>
[MemoryDiagnoser]
[InterleavedRounds(5)]
public class HandlerFloorBenchmarks
{
    private static readonly Uri Hello = new("https://api.example.com/prod/hello");

    private SignedInCognito _signedIn = null!;
    private HttpClient _nothing = null!;
    private HttpClient _header = null!;
    private HttpClient _headerAndClock = null!;
    private HttpClient _headerAndTick = null!;
    private HttpClient _cognito = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _signedIn = await SignedInCognito.CreateAsync();
        var value = _signedIn.Header;
        _nothing = new HttpClient(new NoOpHandler { InnerHandler = new TerminalHandler() });
        _header = new HttpClient(new HeaderHandler(value) { InnerHandler = new TerminalHandler() });
        _headerAndClock = new HttpClient(new HeaderHandler(value, TimeProvider.System) { InnerHandler = new TerminalHandler() });
        _headerAndTick = new HttpClient(new HeaderAndTickHandler(value) { InnerHandler = new TerminalHandler() });
        _cognito = new HttpClient(_signedIn.CreateHandler());
    }

    [GlobalCleanup]
    public void Cleanup() => _signedIn.Dispose();

    [Benchmark(Baseline = true, Description = "handler that does nothing")]
    public Task<HttpStatusCode> Nothing() => SendAsync(_nothing);

    [Benchmark(Description = "handler that sets a prebuilt header")]
    public Task<HttpStatusCode> HeaderOnly() => SendAsync(_header);

    [Benchmark(Description = "handler that sets it and reads the wall clock")]
    public Task<HttpStatusCode> HeaderAndClock() => SendAsync(_headerAndClock);

    [Benchmark(Description = "handler that sets it and reads the tick count")]
    public Task<HttpStatusCode> HeaderAndTick() => SendAsync(_headerAndTick);

    [Benchmark(Description = "the Cognito handler, cached token")]
    public Task<HttpStatusCode> CognitoHandler() => SendAsync(_cognito);

    private static async Task<HttpStatusCode> SendAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Hello);
        return response.StatusCode;
    }

    private sealed class NoOpHandler : DelegatingHandler;
}

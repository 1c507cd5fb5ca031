using System.Net;
using BenchmarkDotNet.Attributes;
using CognitoAuth.Benchmarks.Infrastructure;

namespace CognitoAuth.Benchmarks.Client;

/// <summary>
/// The Cognito handler's own work, without <c>HttpClient</c>: each handler is invoked directly through an
/// <see cref="HttpMessageInvoker"/> over the in-memory terminal, against a handler that only sets the same prebuilt
/// <c>Authorization</c> value (the baseline) and one that also reads the <see cref="TimeProvider"/>, as checking a token's
/// expiry needs. What is left of a request here is the request and response objects and the header, so the handler's
/// origin check, token lookup and expiry check stand out from the rest of the pipeline's noise.
/// </summary>
[MemoryDiagnoser]
[InterleavedRounds(5)]
public class HandlerDirectBenchmarks
{
    private static readonly Uri Hello = new("https://api.example.com/prod/hello");

    private SignedInCognito _signedIn = null!;
    private HttpMessageInvoker _header = null!;
    private HttpMessageInvoker _headerAndClock = null!;
    private HttpMessageInvoker _cognito = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _signedIn = await SignedInCognito.CreateAsync();
        _header = new HttpMessageInvoker(new HeaderHandler(_signedIn.Header) { InnerHandler = new TerminalHandler() });
        _headerAndClock = new HttpMessageInvoker(new HeaderHandler(_signedIn.Header, TimeProvider.System) { InnerHandler = new TerminalHandler() });
        _cognito = new HttpMessageInvoker(_signedIn.CreateHandler());

        // The measured path: the cached token's header, on every request.
        using var request = new HttpRequestMessage(HttpMethod.Get, Hello);
        using var response = await _cognito.SendAsync(request, default);
        if (!ReferenceEquals(response.RequestMessage!.Headers.NonValidated["Authorization"].ToString(), _signedIn.Header))
        {
            throw new InvalidOperationException("Expected the Cognito handler to send the cached header value.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _signedIn.Dispose();

    [Benchmark(Baseline = true, Description = "handler that sets a prebuilt header, invoked directly")]
    public Task<HttpStatusCode> HeaderOnly() => SendAsync(_header);

    [Benchmark(Description = "handler that sets it and reads the clock, invoked directly")]
    public Task<HttpStatusCode> HeaderAndClock() => SendAsync(_headerAndClock);

    [Benchmark(Description = "the Cognito handler, cached token, invoked directly")]
    public Task<HttpStatusCode> CognitoHandler() => SendAsync(_cognito);

    private static async Task<HttpStatusCode> SendAsync(HttpMessageInvoker invoker)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Hello);
        using var response = await invoker.SendAsync(request, default);
        return response.StatusCode;
    }
}

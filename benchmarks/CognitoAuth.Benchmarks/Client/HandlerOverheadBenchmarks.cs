using System.Net;
using BenchmarkDotNet.Attributes;
using CognitoAuth.Benchmarks.Infrastructure;
using CognitoAuth.Client;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Benchmarks.Client;

/// <summary>
/// Target 1: a request through the Cognito handler with a cached token costs at most 1.20× the same factory client with a
/// handler that only sets a prebuilt header (the floor of any bearer handler, before it checks the origin or the token's
/// expiry), all over an in-memory terminal handler, and allocates nothing per request beyond that floor: the token string
/// and its header value are built once per token set. A third client on the same factory pipeline has no handler at all.
/// </summary>
[MemoryDiagnoser]
[InterleavedRounds(8)]
public class HandlerOverheadBenchmarks
{
    private static readonly Uri Hello = new("https://api.example.com/prod/hello");

    // What the header-only client sends: the header is added unparsed, so only its being a prebuilt string matters.
    private const string PrebuiltHeader = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJl";

    private ServiceProvider _services = null!;
    private HttpClient _plain = null!;
    private HttpClient _cognito = null!;
    private HttpClient _headerOnly = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var cognito = new BenchCognito();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCognitoApiClient(BenchCognito.Configure)
            .ConfigurePrimaryHttpMessageHandler(() => new TerminalHandler())
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        // The same client without the bearer handler: the same factory pipeline and the same request logger.
        AddBaselineClient(services, "plain");
        AddBaselineClient(services, "header-only").AddHttpMessageHandler(() => new HeaderHandler(PrebuiltHeader));
        services.AddSingleton<ICognitoIdentityProvider>(cognito);
        _services = services.BuildServiceProvider();
        var factory = _services.GetRequiredService<IHttpClientFactory>();
        _plain = factory.CreateClient("plain");
        _cognito = factory.CreateClient(CognitoApiClientOptions.DefaultName);
        _headerOnly = factory.CreateClient("header-only");

        // Sign in once (the measured path is the cached token) and check what the benchmark relies on.
        using var first = await _cognito.GetAsync(Hello);
        using var second = await _cognito.GetAsync(Hello);
        var header = first.RequestMessage!.Headers.NonValidated["Authorization"].ToString();
        if (cognito.Calls != 1 || !header.StartsWith("Bearer eyJ", StringComparison.Ordinal)
            || !ReferenceEquals(header, second.RequestMessage!.Headers.NonValidated["Authorization"].ToString()))
        {
            throw new InvalidOperationException($"Expected one sign-in and one header value built once; got {cognito.Calls} calls.");
        }
    }

    /// <summary>A factory client with the Cognito client's request logger and terminal, and no handler of its own.</summary>
    private static IHttpClientBuilder AddBaselineClient(IServiceCollection services, string name) =>
        services.AddHttpClient(name)
            .RemoveAllLoggers()
            .AddLogger(sp => new HeaderlessHttpClientLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger($"System.Net.Http.HttpClient.{name}.LogicalHandler")), wrapHandlersPipeline: true)
            .ConfigurePrimaryHttpMessageHandler(() => new TerminalHandler())
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "GET without the Cognito handler")]
    public async Task<HttpStatusCode> WithoutHandler()
    {
        using var response = await _plain.GetAsync(Hello);
        return response.StatusCode;
    }

    [Benchmark(Description = "GET with the Cognito handler, cached token")]
    public async Task<HttpStatusCode> WithCognitoHandler()
    {
        using var response = await _cognito.GetAsync(Hello);
        return response.StatusCode;
    }

    [Benchmark(Description = "GET with a handler that only sets a prebuilt header")]
    public async Task<HttpStatusCode> WithHeaderOnlyHandler()
    {
        using var response = await _headerOnly.GetAsync(Hello);
        return response.StatusCode;
    }
}

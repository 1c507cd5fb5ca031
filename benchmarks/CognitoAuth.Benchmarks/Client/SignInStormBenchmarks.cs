using BenchmarkDotNet.Attributes;
using CognitoAuth.Benchmarks.Infrastructure;
using CognitoAuth.Client;
using CognitoAuth.Client.Cognito;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Benchmarks.Client;

/// <summary>
/// Target 2: 1,000 concurrent requests on a cold client, and 1,000 concurrent requests at token expiry, each make exactly
/// one Cognito call. Every iteration checks the count and fails the run otherwise; the baseline is the same 1,000
/// requests with a warm token.
/// </summary>
[MemoryDiagnoser]
[MacroJob(iterations: 30)]
public class SignInStormBenchmarks
{
    public const int Requests = 1000;

    private static readonly Uri Hello = new("https://api.example.com/prod/hello");

    private BenchCognito _cognito = null!;
    private FakeTimeProvider _time = null!;
    private ServiceProvider _services = null!;
    private HttpClient _client = null!;

    [GlobalSetup]
    public async Task ValidateAsync()
    {
        // The same checks as every iteration, once up front, so even a dry run fails on a regression.
        Build();
        await StormAsync();
        Expect(1, "cold start");
        Expire();
        await StormAsync();
        Expect(1, "expiry");
        _services.Dispose();
    }

    [IterationSetup(Target = nameof(Warm))]
    public void SetupWarm()
    {
        Build();
        _client.GetAsync(Hello).GetAwaiter().GetResult().Dispose();
        _cognito.Reset();
    }

    [IterationSetup(Target = nameof(FirstRequests))]
    public void SetupCold() => Build();

    [IterationSetup(Target = nameof(AtExpiry))]
    public void SetupExpiring()
    {
        SetupWarm();
        Expire();
    }

    [IterationCleanup(Target = nameof(Warm))]
    public void CheckWarm() => ExpectAndDispose(0, "warm");

    [IterationCleanup(Target = nameof(FirstRequests))]
    public void CheckCold() => ExpectAndDispose(1, "cold start");

    [IterationCleanup(Target = nameof(AtExpiry))]
    public void CheckExpiry() => ExpectAndDispose(1, "expiry");

    [Benchmark(Baseline = true, Description = "1,000 concurrent requests, warm token")]
    public Task Warm() => StormAsync();

    [Benchmark(Description = "1,000 concurrent first requests (one sign-in)")]
    public Task FirstRequests() => StormAsync();

    [Benchmark(Description = "1,000 concurrent requests at expiry (one refresh)")]
    public Task AtExpiry() => StormAsync();

    private async Task StormAsync()
    {
        var requests = new Task<HttpResponseMessage>[Requests];
        for (var i = 0; i < requests.Length; i++)
        {
            requests[i] = Task.Run(() => _client.GetAsync(Hello));
        }

        foreach (var response in await Task.WhenAll(requests))
        {
            response.Dispose();
        }
    }

    private void Build()
    {
        _cognito = new BenchCognito();
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddCognitoApiClient(BenchCognito.Configure)
            .ConfigurePrimaryHttpMessageHandler(() => new TerminalHandler());
        services.AddSingleton<ICognitoIdentityProvider>(_cognito);
        _services = services.BuildServiceProvider();
        _client = _services.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName);
    }

    private void Expire()
    {
        _time.Advance(TimeSpan.FromSeconds(3600 - 60));
        _cognito.Reset();
    }

    private void ExpectAndDispose(int calls, string scenario)
    {
        try
        {
            Expect(calls, scenario);
        }
        finally
        {
            _services.Dispose();
        }
    }

    private void Expect(int calls, string scenario)
    {
        if (_cognito.Calls != calls)
        {
            throw new InvalidOperationException($"Sign-in storm ({scenario}): {Requests} concurrent requests made {_cognito.Calls} Cognito calls; expected {calls}.");
        }
    }
}

using System.Diagnostics;
using System.Net;
using CognitoAuth.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// Load through the real handler against the local stack — emulator in-process, real HTTP on loopback, the real JWT
/// authorizer and function — with short-lived tokens that run out several times during the run. One fake clock serves
/// client, tokens, authorizer and SigV4 and is advanced between phases (never while a call is in flight), so the number
/// of token renewals is exact: zero failed requests and Cognito calls = expiries + 1.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Callers = 64;
    private const int Phases = 40;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(1);
    private static readonly Uri HelloPath = new("hello", UriKind.Relative);

    /// <summary>Requests in all; <c>SOAK_REQUESTS</c> overrides (e.g. 1280000 for 64 × 20,000).</summary>
    private static int TotalRequests =>
        int.TryParse(Environment.GetEnvironmentVariable("SOAK_REQUESTS"), out var requests) && requests >= Phases ? requests : 20_000;

    [Fact]
    public async Task Soak_64ConcurrentCallersAcrossSixExpiries_NoFailureAndOneCognitoCallPerExpiryPlusOne()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await EmulatedStack.StartAsync(
            emulator: o => { o.AccessTokenLifetime = Lifetime; o.IdTokenLifetime = Lifetime; },
            client: o => o.RefreshBefore = RefreshBefore,
            clock: clock);
        using var http = stack.Client.Http;
        var perPhase = TotalRequests / Phases;
        var failures = 0;
        var stopwatch = Stopwatch.StartNew();

        for (var phase = 0; phase < Phases; phase++)
        {
            if (phase > 0)
            {
                clock.Advance(Step);
            }

            await Parallel.ForEachAsync(Enumerable.Range(0, perPhase), new ParallelOptions { MaxDegreeOfParallelism = Callers }, async (_, cancellationToken) =>
            {
                try
                {
                    using var response = await http.GetAsync(HelloPath, cancellationToken);
                    if (response.StatusCode != HttpStatusCode.OK || await response.Content.ReadAsStringAsync(cancellationToken) != "Hello from a protected API!")
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or CognitoAuth.Client.CognitoException)
                {
                    Interlocked.Increment(ref failures);
                }
            });
        }

        stopwatch.Stop();
        var sent = perPhase * Phases;
        var elapsed = Step * (Phases - 1);
        var renewals = (int)(elapsed / (Lifetime - RefreshBefore)); // each token is renewed one RefreshBefore ahead of its expiry
        var expiries = (int)((elapsed - Lifetime) / (Lifetime - RefreshBefore)) + 1; // tokens whose exp passed during the run
        output.WriteLine($"{sent} requests from {Callers} callers in {stopwatch.Elapsed.TotalSeconds:0.0} s ({sent / stopwatch.Elapsed.TotalSeconds:0} req/s); " +
            $"{elapsed.TotalMinutes} simulated minutes; {expiries} token expiries; Cognito calls {stack.Emulator.CognitoRequests.Total}.");

        Assert.Equal(0, failures);
        Assert.Equal(sent, stack.Emulator.ApiRequests["GET /hello"]); // no request needed a 401 retry
        Assert.True(expiries >= 5, $"only {expiries} expiries");
        Assert.Equal(renewals, expiries);
        Assert.Equal(expiries + 1, stack.Emulator.CognitoRequests.Total);
        Assert.Equal(expiries + 1, stack.Calls("AdminInitiateAuth")); // one sign-in, then REFRESH_TOKEN_AUTH once per expiry
    }
}

using System.Net;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Cognito;

/// <summary>
/// The waits between retries, measured on the fake clock the pipeline runs on: every retry waits, the waits grow, and
/// they are jittered so that many clients throttled at once do not retry in lockstep.
/// </summary>
public sealed class BackoffTests
{
    private const int Calls = 10;

    [Fact]
    public async Task Retries_AlwaysUnavailable_WaitBeforeEachRetryGrowingAndJittered()
    {
        using var host = new CognitoTestHost(services => services.Configure<CognitoResilienceOptions>(o => o.BaseDelay = TimeSpan.FromMilliseconds(500)));
        var attempts = new List<DateTimeOffset>();
        host.Stub.Respond = (_, _, _) =>
        {
            lock (attempts)
            {
                attempts.Add(host.Time.GetUtcNow());
            }

            return Task.FromResult(StubHttpMessageHandler.Json(HttpStatusCode.ServiceUnavailable, "{}"));
        };

        var waits = new List<TimeSpan[]>();
        for (var call = 0; call < Calls; call++)
        {
            lock (attempts)
            {
                attempts.Clear();
            }

            var pending = host.Client.InitiateAuthAsync(
                CognitoTestHost.Endpoint, new InitiateAuthRequest { AuthFlow = AuthFlowType.UserPasswordAuth, ClientId = "c" }, CancellationToken.None);
            await DriveAsync(host, pending);
            await Assert.ThrowsAsync<CognitoException>(() => pending);
            lock (attempts)
            {
                Assert.Equal(4, attempts.Count);
                waits.Add([.. attempts.Zip(attempts.Skip(1), (before, after) => after - before)]);
            }
        }

        Assert.All(waits.SelectMany(w => w), wait => Assert.InRange(wait, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(30)));
        Assert.True(Mean(waits, 2) > Mean(waits, 0), $"the third wait ({Mean(waits, 2)}) should exceed the first ({Mean(waits, 0)}) on average");
        Assert.True(waits.Select(w => w[0]).Distinct().Count() > 1, "the first waits are all equal: no jitter");
        Assert.All(waits, w => Assert.True(w.Sum(t => t.TotalSeconds) < new CognitoResilienceOptions().TotalTimeout.TotalSeconds));
    }

    private static TimeSpan Mean(List<TimeSpan[]> waits, int retry) => TimeSpan.FromTicks((long)waits.Average(w => w[retry].Ticks));

    // Moves the fake clock in small steps until the call ends; bounded so a regression fails instead of hanging.
    private static async Task DriveAsync(CognitoTestHost host, Task pending)
    {
        for (var step = 0; step < 2000 && !pending.IsCompleted; step++)
        {
            host.Time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(2);
        }

        Assert.True(pending.IsCompleted, "The call never finished.");
    }
}

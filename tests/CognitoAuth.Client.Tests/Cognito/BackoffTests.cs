using System.Collections.Concurrent;
using System.Net;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Client.Tests.Cognito;

/// <summary>
/// The waits between retries, read exactly from the timers the pipeline asks its clock for: every retry waits, the waits
/// grow, and they are jittered so that many clients throttled at once do not retry in lockstep.
/// </summary>
public sealed class BackoffTests
{
    private const int Calls = 20;

    [Fact]
    public async Task Retries_AlwaysUnavailable_WaitBeforeEachRetryGrowingAndJittered()
    {
        var defaults = new CognitoResilienceOptions();
        var clock = new TimerRecordingTimeProvider(CognitoTestHost.Start);
        using var host = new CognitoTestHost(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.Configure<CognitoResilienceOptions>(o => o.BaseDelay = defaults.BaseDelay);
        });
        host.Stub.Always(HttpStatusCode.ServiceUnavailable, "{}");

        List<TimeSpan[]> waits = [];
        for (var call = 0; call < Calls; call++)
        {
            clock.DueTimes.Clear();
            var calls = host.Stub.Calls;
            var pending = host.Client.InitiateAuthAsync(
                CognitoTestHost.Endpoint, new InitiateAuthRequest { AuthFlow = AuthFlowType.UserPasswordAuth, ClientId = "c" }, CancellationToken.None);
            await DriveAsync(clock, pending);
            await Assert.ThrowsAsync<CognitoException>(() => pending);

            Assert.Equal(calls + 4, host.Stub.Calls);
            // Every timer that is neither the total budget nor an attempt's timeout is a backoff.
            waits.Add([.. clock.DueTimes.Where(d => d != defaults.TotalTimeout && d != defaults.AttemptTimeout)]);
        }

        Assert.All(waits, w => Assert.Equal(3, w.Length));
        Assert.All(waits.SelectMany(w => w), wait => Assert.InRange(wait, TimeSpan.FromTicks(1), defaults.TotalTimeout));
        Assert.True(Mean(waits, 2) > Mean(waits, 0), $"the third wait ({Mean(waits, 2)}) should exceed the first ({Mean(waits, 0)}) on average");
        Assert.True(waits.Select(w => w[0]).Distinct().Count() > Calls / 2, "the first waits repeat: no jitter");
        Assert.All(waits, w => Assert.True(w.Sum(t => t.Ticks) < defaults.TotalTimeout.Ticks));
    }

    private static TimeSpan Mean(List<TimeSpan[]> waits, int retry) => TimeSpan.FromTicks((long)waits.Average(w => w[retry].Ticks));

    // Moves the clock until the call ends; bounded so a regression fails instead of hanging. Only the count of steps
    // depends on scheduling: the waits are read from the timers, not from the clock.
    private static async Task DriveAsync(FakeTimeProvider clock, Task pending)
    {
        for (var step = 0; step < 2000 && !pending.IsCompleted; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
        }

        Assert.True(pending.IsCompleted, "The call never finished.");
    }

    /// <summary>A fake clock that remembers the due time of every timer created on it (delays and timeouts alike).</summary>
    private sealed class TimerRecordingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public ConcurrentQueue<TimeSpan> DueTimes { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                DueTimes.Enqueue(dueTime);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}

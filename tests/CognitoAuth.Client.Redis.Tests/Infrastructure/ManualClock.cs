namespace CognitoAuth.Client.Redis.Tests.Infrastructure;

/// <summary>
/// A wall clock the test sets, shared by every instance of a fleet, while timers and timestamps stay real: the lock's
/// waits and Redis's own lease expiry run in real time, token freshness follows the test.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

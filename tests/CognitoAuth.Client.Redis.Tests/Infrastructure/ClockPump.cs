using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Client.Redis.Tests.Infrastructure;

/// <summary>
/// Moves a <see cref="FakeTimeProvider"/> forward by <c>step</c> every real <c>interval</c>, so that a fleet's Cognito timeouts,
/// backoffs, slow answers and lock waits — all on that clock — run many times faster than real time and in their real order.
/// Redis's own lease expiry (PX) stays in real time: a test that relies on it lapsing, or not, sets the lease in real terms.
/// </summary>
internal sealed class ClockPump : IAsyncDisposable
{
    private readonly Timer _timer;

    public ClockPump(FakeTimeProvider clock, TimeSpan step, TimeSpan interval) =>
        _timer = new Timer(_ => clock.Advance(step), null, interval, interval);

    public ValueTask DisposeAsync() => _timer.DisposeAsync();
}

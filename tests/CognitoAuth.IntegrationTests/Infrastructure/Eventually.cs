using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>
/// Waits for other threads and servers to reach a point. Bounded so a regression fails instead of hanging; never a
/// timing assertion: a slow machine only waits longer.
/// </summary>
internal static class Eventually
{
    public static async Task ReachedAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), $"Never reached: {what}.");
    }

    /// <summary>
    /// Advances <paramref name="clock"/> a second at a time — giving the client a moment to act on each step — until
    /// <paramref name="condition"/> holds, but by less than the client's 10-second attempt timeout in all, so an attempt
    /// that starts meanwhile can never be timed out by the stepping itself.
    /// </summary>
    public static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> condition, string what)
    {
        for (var step = 0; step < 9 && !condition(); step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            for (var i = 0; i < 50 && !condition(); i++)
            {
                await Task.Delay(10);
            }
        }

        await ReachedAsync(condition, what);
    }
}

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// The default <see cref="ICognitoRenewalLock"/>: grants every request at once, allocating nothing, because the token
/// manager already lets concurrent callers in one process share one renewal. A shared store needs a distributed lock.
/// </summary>
internal sealed class InProcessRenewalLock : ICognitoRenewalLock
{
    private static readonly ValueTask<IAsyncDisposable?> Granted = new(new Lease());

    public ValueTask<IAsyncDisposable?> AcquireAsync(string key, Func<CancellationToken, ValueTask<bool>> renewedElsewhere, CancellationToken cancellationToken) =>
        Granted;

    private sealed class Lease : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

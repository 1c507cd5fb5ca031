namespace CognitoAuth.Client;

/// <summary>
/// Serializes the renewal of one user's tokens across processes that share an <see cref="ICognitoTokenStore"/>, so that a
/// fleet makes one sign-in or refresh per token lifetime instead of one per instance. Within a process, concurrent callers
/// already share one renewal; the default implementation therefore grants every request at once.
/// </summary>
public interface ICognitoRenewalLock
{
    /// <summary>
    /// Takes the renewal lock on <paramref name="key"/>, waiting while another process holds it. Returns a lease to dispose
    /// once the renewed tokens are stored; or <see langword="null"/> as soon as <paramref name="renewedElsewhere"/> reports
    /// that the holder's result is in the store. Must return within a bounded time: when the holder does not finish within
    /// its lease, or the lock itself is unavailable, implementations return a lease anyway and the caller renews on its own.
    /// </summary>
    /// <param name="key">The token store key being renewed.</param>
    /// <param name="renewedElsewhere">Looks in the store for tokens another process renewed; called between attempts.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The lease, or <see langword="null"/> when the tokens were renewed elsewhere.</returns>
    ValueTask<IAsyncDisposable?> AcquireAsync(string key, Func<CancellationToken, ValueTask<bool>> renewedElsewhere, CancellationToken cancellationToken);
}

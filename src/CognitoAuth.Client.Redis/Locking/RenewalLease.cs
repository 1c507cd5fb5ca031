using CognitoAuth.Client.Redis.Diagnostics;
using CognitoAuth.Client.Redis.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CognitoAuth.Client.Redis.Locking;

/// <summary>
/// A renewal lock this instance holds. While its renewal runs, a heartbeat re-arms the lock's expiry every third of
/// <see cref="CognitoRedisTokenStoreOptions.LockLease"/>, so a renewal slower than the lease keeps the lock; a holder that dies
/// stops beating and its lock lapses within one lease. Each re-arm is conditional on the lock still holding this owner's value
/// (StackExchange.Redis's <c>LockExtend</c>: a transaction watching the value), so a lock that lapsed and was taken by another
/// instance is never extended; and none reaches past <see cref="CognitoRedisTokenStoreOptions.LockHoldLimit"/> from when the
/// lock was taken, so a renewal that hangs still lets the others go. Disposing stops the heartbeat and releases the lock if it
/// is still ours.
/// </summary>
internal sealed class RenewalLease : IAsyncDisposable
{
    private readonly IDatabase _database;
    private readonly RedisKey _name;
    private readonly RedisValue _owner;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop;
    private int _disposed;

    public RenewalLease(IDatabase database, RedisKey name, RedisValue owner, CognitoRedisTokenStoreOptions settings, TimeProvider timeProvider, ILogger logger, CancellationToken stopping)
    {
        _database = database;
        _name = name;
        _owner = owner;
        _logger = logger;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Heartbeat = BeatAsync(settings.LockLease, settings.LockHoldLimit, timeProvider, timeProvider.GetTimestamp(), _stop.Token);
    }

    /// <summary>Runs until the lease is disposed, the hold limit is reached, or the lock is no longer ours; never faults.</summary>
    internal Task Heartbeat { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // No waiting for a re-arm in flight: it and the release are both conditional on our value, so either order leaves the
        // lock released, and a Redis that hangs delays the renewed tokens by one command's timeout, not two.
        _stop.Cancel();
        _stop.Dispose();
        try
        {
            await _database.LockReleaseAsync(_name, _owner).ConfigureAwait(false);
        }
        catch (Exception exception) when (EncryptedTokenStore.IsUnavailable(exception))
        {
            Log.LockReleaseFailed(_logger, exception.GetType().Name);
        }
    }

    private async Task BeatAsync(TimeSpan lease, TimeSpan holdLimit, TimeProvider timeProvider, long takenAt, CancellationToken stopping)
    {
        var period = lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(period, timeProvider, stopping).ConfigureAwait(false);
                var left = holdLimit - timeProvider.GetElapsedTime(takenAt);
                if (left <= TimeSpan.Zero)
                {
                    Log.LockHoldLimitReached(_logger, holdLimit);
                    return;
                }

                try
                {
                    if (!await _database.LockExtendAsync(_name, _owner, left < lease ? left : lease).ConfigureAwait(false))
                    {
                        Log.LockLost(_logger);
                        return;
                    }
                }
                catch (Exception exception) when (EncryptedTokenStore.IsUnavailable(exception))
                {
                    // Redis may be back before the lease ends; if it is not, the lock lapses and others renew on their own.
                    Log.LockExtendFailed(_logger, exception.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: the renewal is over, or the application is stopping.
        }
        catch (ObjectDisposedException)
        {
            // The connection was closed with the application.
        }
    }
}

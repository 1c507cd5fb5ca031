using System.Security.Cryptography;
using CognitoAuth.Client.Redis.Connection;
using CognitoAuth.Client.Redis.Diagnostics;
using CognitoAuth.Client.Redis.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CognitoAuth.Client.Redis.Locking;

/// <summary>
/// A Redis lock per user (<c>SET key owner NX PX lease</c>, released only by its owner): one instance renews, the others look
/// for its result every <see cref="CognitoRedisTokenStoreOptions.LockRetryInterval"/>. The holder's <see cref="RenewalLease"/>
/// keeps the lock for as long as its renewal runs, so a slow or throttled Cognito still sees one renewal. Bounded on every
/// side: a crashed holder's lock lapses within one lease; a live one keeps it at most
/// <see cref="CognitoRedisTokenStoreOptions.LockHoldLimit"/>, which is also the longest anyone waits before renewing on its
/// own; and an unreachable Redis means renewing alone at once rather than failing.
/// </summary>
internal sealed class RedisRenewalLock(
    RedisConnection connection,
    TokenProtector names,
    IOptions<CognitoRedisTokenStoreOptions> options,
    TimeProvider timeProvider,
    ILogger<RedisRenewalLock> logger) : ICognitoRenewalLock, IDisposable
{
    // Stops every heartbeat with the application: a lease is disposed by its renewal, and this is the backstop.
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    public async ValueTask<IAsyncDisposable?> AcquireAsync(string key, Func<CancellationToken, ValueTask<bool>> renewedElsewhere, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(renewedElsewhere);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var settings = options.Value;
        var lockName = (RedisKey)names.LockName(key);
        var owner = (RedisValue)Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        // A live holder keeps the lock at most LockHoldLimit after taking it: waiting as long outlasts the one this wait found.
        var maxWait = settings.LockHoldLimit;
        var started = timeProvider.GetTimestamp();
        var waiting = false;
        while (true)
        {
            try
            {
                var database = await connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
                if (await database.LockTakeAsync(lockName, owner, settings.LockLease).ConfigureAwait(false))
                {
                    return new RenewalLease(database, lockName, owner, settings, timeProvider, logger, _stopping.Token);
                }
            }
            catch (Exception exception) when (EncryptedTokenStore.IsUnavailable(exception))
            {
                Log.LockUnavailable(logger, exception.GetType().Name);
                return Unlocked.Instance;
            }

            if (await renewedElsewhere(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            if (timeProvider.GetElapsedTime(started) >= maxWait)
            {
                Log.LockWaitExceeded(logger, maxWait);
                return Unlocked.Instance;
            }

            if (!waiting)
            {
                Log.WaitingForRenewal(logger);
                waiting = true;
            }

            await Task.Delay(settings.LockRetryInterval, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        // The provider disposes this once per registration it is exposed under.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    /// <summary>Renewing without the lock: nothing to release.</summary>
    private sealed class Unlocked : IAsyncDisposable
    {
        public static readonly Unlocked Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

using System.Security.Cryptography;
using CognitoAuth.Client.Redis.Connection;
using CognitoAuth.Client.Redis.Diagnostics;
using CognitoAuth.Client.Redis.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CognitoAuth.Client.Redis.Locking;

/// <summary>
/// A short Redis lock per user (<c>SET key owner NX PX lease</c>, released only by its owner): one instance renews, the
/// others look for its result every <see cref="CognitoRedisTokenStoreOptions.LockRetryInterval"/>. Bounded: a crashed
/// holder's lock lapses after its lease and another instance takes over; no one waits longer than two leases, and an
/// unreachable Redis means renewing alone rather than failing.
/// </summary>
internal sealed class RedisRenewalLock(
    RedisConnection connection,
    TokenProtector names,
    IOptions<CognitoRedisTokenStoreOptions> options,
    TimeProvider timeProvider,
    ILogger<RedisRenewalLock> logger) : ICognitoRenewalLock
{
    public async ValueTask<IAsyncDisposable?> AcquireAsync(string key, Func<CancellationToken, ValueTask<bool>> renewedElsewhere, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(renewedElsewhere);
        var settings = options.Value;
        var lockName = (RedisKey)names.LockName(key);
        var owner = (RedisValue)Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var maxWait = settings.LockLease * 2;
        var started = timeProvider.GetTimestamp();
        var waiting = false;
        while (true)
        {
            try
            {
                var database = await connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
                if (await database.LockTakeAsync(lockName, owner, settings.LockLease).ConfigureAwait(false))
                {
                    return new Lease(database, lockName, owner, logger);
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

    /// <summary>The held lock; released (if still ours) once the renewed tokens are stored.</summary>
    private sealed class Lease(IDatabase database, RedisKey lockName, RedisValue owner, ILogger logger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await database.LockReleaseAsync(lockName, owner).ConfigureAwait(false);
            }
            catch (Exception exception) when (EncryptedTokenStore.IsUnavailable(exception))
            {
                Log.LockReleaseFailed(logger, exception.GetType().Name);
            }
        }
    }

    /// <summary>Renewing without the lock: nothing to release.</summary>
    private sealed class Unlocked : IAsyncDisposable
    {
        public static readonly Unlocked Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Redis.Diagnostics;

/// <summary>
/// Every log message of the Redis token store. Parameters are operations, reasons, exception type names and durations:
/// never a user name, a Redis key (it is derived from the user), a token, the encryption key or the connection string.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Warning, "Redis token store: {Operation} failed ({ErrorType}); this instance carries on with its own tokens.", EventName = "StoreUnavailable")]
    public static partial void StoreUnavailable(ILogger logger, string operation, string errorType);

    [LoggerMessage(102, LogLevel.Warning, "Redis token store: ignoring an entry because {Reason}; it counts as a miss.", EventName = "EntryUnreadable")]
    public static partial void EntryUnreadable(ILogger logger, string reason);

    [LoggerMessage(103, LogLevel.Warning, "Redis token store: the renewal lock is unavailable ({ErrorType}); renewing without it.", EventName = "LockUnavailable")]
    public static partial void LockUnavailable(ILogger logger, string errorType);

    [LoggerMessage(104, LogLevel.Warning, "Redis token store: another instance held the renewal lock for more than {Waited} (LockHoldLimit); renewing without it.", EventName = "LockWaitExceeded")]
    public static partial void LockWaitExceeded(ILogger logger, TimeSpan waited);

    [LoggerMessage(105, LogLevel.Debug, "Redis token store: another instance is renewing; waiting for its result.", EventName = "WaitingForRenewal")]
    public static partial void WaitingForRenewal(ILogger logger);

    [LoggerMessage(106, LogLevel.Warning, "Redis token store: releasing the renewal lock failed ({ErrorType}); it lapses at the end of its lease.", EventName = "LockReleaseFailed")]
    public static partial void LockReleaseFailed(ILogger logger, string errorType);

    [LoggerMessage(107, LogLevel.Warning, "Redis token store: extending the renewal lock failed ({ErrorType}); it lapses at the end of its lease unless the next attempt succeeds.", EventName = "LockExtendFailed")]
    public static partial void LockExtendFailed(ILogger logger, string errorType);

    [LoggerMessage(108, LogLevel.Warning, "Redis token store: the renewal lock is no longer this instance's (it lapsed, or Redis lost it) while its renewal runs; another instance may renew too.", EventName = "LockLost")]
    public static partial void LockLost(ILogger logger);

    [LoggerMessage(109, LogLevel.Warning, "Redis token store: a renewal has kept the lock for {HoldLimit} (LockHoldLimit); no longer extending it, so the others renew on their own.", EventName = "LockHoldLimitReached")]
    public static partial void LockHoldLimitReached(ILogger logger, TimeSpan holdLimit);
}

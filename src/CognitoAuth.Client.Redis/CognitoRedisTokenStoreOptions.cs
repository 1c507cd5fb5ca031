using System.ComponentModel.DataAnnotations;

namespace CognitoAuth.Client.Redis;

/// <summary>
/// Where and how the fleet's shared tokens are kept in Redis. Bound from the configuration section <c>CognitoAuth:Redis</c>
/// (environment variables <c>CognitoAuth__Redis__Key</c>).
/// </summary>
public sealed class CognitoRedisTokenStoreOptions
{
    /// <summary>The conventional configuration section holding these options.</summary>
    public const string SectionName = "CognitoAuth:Redis";

    /// <summary>Gets or sets the StackExchange.Redis configuration string, e.g. <c>redis.internal:6379,ssl=true,password=…</c>.</summary>
    /// <value>
    /// The default value is <see langword="null"/>: the application's registered <c>IConnectionMultiplexer</c> is used, and one of
    /// the two is required.
    /// </value>
    public string? Configuration { get; set; }

    /// <summary>
    /// Gets or sets the key that encrypts the tokens (AES-256-GCM) and names their entries: 32 random bytes in base64, e.g. from
    /// <c>openssl rand -base64 32</c>. Every instance of the fleet needs the same key; keep it with your other secrets.
    /// An entry written under another key is never read (it counts as a miss).
    /// </summary>
    /// <value>The default value is <see langword="null"/>; a value is required.</value>
    [Required]
    public string? EncryptionKey { get; set; }

    /// <summary>Gets or sets the prefix of every Redis key this store writes.</summary>
    /// <value>The default value is <c>cognitoauth:</c>.</value>
    public string KeyPrefix { get; set; } = "cognitoauth:";

    /// <summary>
    /// Gets or sets the lease of a user's renewal lock: how long it outlives an instance that stops renewing (it crashed). The
    /// holder re-arms the lease every third of it for as long as its renewal runs, up to <see cref="LockHoldLimit"/>, so a slow
    /// renewal keeps the lock; a dead holder's lock lapses within one lease and another instance renews.
    /// </summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan LockLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how long one renewal may keep the lock of a user by re-arming its lease, and so how long the other
    /// instances wait for its result before they renew on their own. It covers one Cognito call in full — the client gives
    /// each call 30 seconds in all, 10 per attempt, backoffs included — and what goes around it: the store read and write,
    /// and the refused <c>REFRESH_TOKEN_AUTH</c> before the first <c>GetTokensFromRefreshToken</c> on a client that rotates
    /// refresh tokens.
    /// </summary>
    /// <value>The default value is 40 seconds.</value>
    public TimeSpan LockHoldLimit { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>Gets or sets how often a waiting instance looks for the lock holder's result.</summary>
    /// <value>The default value is 50 milliseconds.</value>
    public TimeSpan LockRetryInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Gets or sets how long an entry stays in Redis after it was written. The refresh token inside outlives the access token,
    /// so a long-lived entry lets the fleet refresh instead of signing in again.
    /// </summary>
    /// <value>The default value is 30 days, Cognito's default refresh token lifetime.</value>
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <inheritdoc />
    public override string ToString() =>
        $"CognitoRedisTokenStoreOptions {{ Configuration = {(Configuration is null ? "null" : "***")}, EncryptionKey = {(EncryptionKey is null ? "null" : "***")}, " +
        $"KeyPrefix = {KeyPrefix}, LockLease = {LockLease}, LockHoldLimit = {LockHoldLimit}, LockRetryInterval = {LockRetryInterval}, EntryLifetime = {EntryLifetime} }}";
}

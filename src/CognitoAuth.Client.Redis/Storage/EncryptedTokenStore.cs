using System.Security.Cryptography;
using System.Text.Json;
using CognitoAuth.Client.Redis.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CognitoAuth.Client.Redis.Storage;

/// <summary>
/// An <see cref="ICognitoTokenStore"/> over an <see cref="IDistributedCache"/>, holding each token set encrypted under an
/// opaque name (<see cref="TokenProtector"/>). An entry that cannot be opened — another key, altered, truncated — reads as a
/// miss, as does an unreachable cache: the client then signs in on its own rather than fail its requests.
/// </summary>
internal sealed class EncryptedTokenStore(
    IDistributedCache cache,
    TokenProtector protector,
    TimeSpan entryLifetime,
    ILogger<EncryptedTokenStore> logger) : ICognitoTokenStore
{
    private readonly DistributedCacheEntryOptions _entryOptions = new() { AbsoluteExpirationRelativeToNow = entryLifetime };

    public async ValueTask<CognitoTokenSet?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var name = protector.EntryName(key);
        byte[]? sealedEntry;
        try
        {
            sealedEntry = await cache.GetAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            Log.StoreUnavailable(logger, "read", exception.GetType().Name);
            return null;
        }

        if (sealedEntry is null)
        {
            return null;
        }

        var plaintext = protector.Open(sealedEntry, name);
        if (plaintext is null)
        {
            Log.EntryUnreadable(logger, "it was written with another key or altered");
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(plaintext, TokenEntryJsonContext.Default.CognitoTokenSet);
        }
        catch (JsonException)
        {
            Log.EntryUnreadable(logger, "its content is not a token set");
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public async ValueTask SetAsync(string key, CognitoTokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var name = protector.EntryName(key);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(tokens, TokenEntryJsonContext.Default.CognitoTokenSet);
        var sealedEntry = protector.Seal(plaintext, name);
        CryptographicOperations.ZeroMemory(plaintext);
        try
        {
            await cache.SetAsync(name, sealedEntry, _entryOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            // This instance keeps its tokens in memory; the others will sign in on their own until the cache is back.
            Log.StoreUnavailable(logger, "write", exception.GetType().Name);
        }
    }

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await cache.RemoveAsync(protector.EntryName(key), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            Log.StoreUnavailable(logger, "remove", exception.GetType().Name);
        }
    }

    /// <summary>The failures of the cache itself (not of the caller): connection, timeout, server errors.</summary>
    internal static bool IsUnavailable(Exception exception) => exception is RedisException or RedisTimeoutException;
}

using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CognitoAuth.Client.Redis.Connection;

/// <summary>
/// The one Redis connection the store and the lock share, and the store's cache over it: opened on first use from
/// <see cref="CognitoRedisTokenStoreOptions.Configuration"/> and closed with the service provider, or the application's own
/// <see cref="IConnectionMultiplexer"/>, left open for the application to close.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly IOptions<CognitoRedisTokenStoreOptions> _options;
    private readonly IServiceProvider _services;
    // Never disposed: a caller may still be waiting on it, and a SemaphoreSlim whose wait handle nobody asked for holds nothing.
    private readonly SemaphoreSlim _opening = new(1, 1);
    private IConnectionMultiplexer? _multiplexer;
    private bool _owned;
    private int _disposed;

    public RedisConnection(IOptions<CognitoRedisTokenStoreOptions> options, IServiceProvider services)
    {
        _options = options;
        _services = services;
        // A cache of our own over this connection: the application's IDistributedCache, if any, is left alone.
        Cache = new RedisCache(Options.Create(new RedisCacheOptions { ConnectionMultiplexerFactory = () => GetAsync(CancellationToken.None) }));
    }

    /// <summary>The cache the token entries are kept in, over this connection.</summary>
    public RedisCache Cache { get; }

    public async Task<IConnectionMultiplexer> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _multiplexer) is { } open)
        {
            return open;
        }

        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Closed with the application: opening again would leave a connection nobody closes.
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_multiplexer is null)
            {
                var configuration = _options.Value.Configuration;
                if (string.IsNullOrWhiteSpace(configuration))
                {
                    _multiplexer = _services.GetRequiredService<IConnectionMultiplexer>();
                }
                else
                {
                    var redis = ConfigurationOptions.Parse(configuration);
                    // Keep trying in the background when Redis is down at start-up, and meanwhile fail commands at once rather
                    // than queue them: the store then reads as a miss and the instance signs in on its own without delay.
                    redis.AbortOnConnectFail = false;
                    redis.BacklogPolicy = BacklogPolicy.FailFast;
                    _multiplexer = await ConnectionMultiplexer.ConnectAsync(redis).ConfigureAwait(false);
                    _owned = true;
                }
            }

            return _multiplexer;
        }
        finally
        {
            _opening.Release();
        }
    }

    public async Task<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken) => (await GetAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // An opening under way finishes first, so that the connection it opens is closed too.
        await _opening.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_owned && _multiplexer is { } multiplexer)
            {
                await multiplexer.CloseAsync().ConfigureAwait(false);
                multiplexer.Dispose();
            }

            DisposeCache();
        }
        finally
        {
            _opening.Release();
        }
    }

    // A provider disposed synchronously must not throw for an async-only service.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _opening.Wait();
        try
        {
            if (_owned)
            {
                _multiplexer?.Dispose();
            }

            DisposeCache();
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>
    /// Disposes the cache unless it runs on the application's connection: <see cref="RedisCache.Dispose"/> closes the
    /// multiplexer it was given, and that one is the application's to close. The cache holds nothing else.
    /// </summary>
    private void DisposeCache()
    {
        if (_multiplexer is null || _owned)
        {
            Cache.Dispose();
        }
    }
}

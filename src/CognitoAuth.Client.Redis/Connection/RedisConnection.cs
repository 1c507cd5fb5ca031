using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CognitoAuth.Client.Redis.Connection;

/// <summary>
/// The one Redis connection the store and the lock share: opened on first use from <see cref="CognitoRedisTokenStoreOptions.Configuration"/>
/// (and closed with the service provider), or the application's own <see cref="IConnectionMultiplexer"/> (left open).
/// </summary>
internal sealed class RedisConnection(IOptions<CognitoRedisTokenStoreOptions> options, IServiceProvider services) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private IConnectionMultiplexer? _multiplexer;
    private bool _owned;

    public async Task<IConnectionMultiplexer> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _multiplexer) is { } open)
        {
            return open;
        }

        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_multiplexer is null)
            {
                var configuration = options.Value.Configuration;
                if (string.IsNullOrWhiteSpace(configuration))
                {
                    _multiplexer = services.GetRequiredService<IConnectionMultiplexer>();
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
        if (_owned && _multiplexer is { } multiplexer)
        {
            await multiplexer.CloseAsync().ConfigureAwait(false);
            multiplexer.Dispose();
        }

        _opening.Dispose();
    }

    // A provider disposed synchronously must not throw for an async-only service.
    public void Dispose()
    {
        if (_owned)
        {
            _multiplexer?.Dispose();
        }

        _opening.Dispose();
    }
}

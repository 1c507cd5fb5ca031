using CognitoAuth.Client.Redis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CognitoAuth.Client.Redis.Tests.Connection;

/// <summary>
/// What the package opens it closes: disposing the service provider closes the Redis connection it opened from
/// <c>Configuration</c> (seen from the server's <c>CLIENT LIST</c>, by the connection's name), and leaves open the
/// application's own <see cref="IConnectionMultiplexer"/>.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisConnectionTests(RedisServer redis)
{
    private static readonly CognitoTokenSet Tokens = new()
    {
        AccessToken = "eyJ.access.sig",
        IssuedAt = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero),
    };

    private readonly string _name = $"cognitoauth-test-{Guid.NewGuid():N}";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DisposeProvider_ClosesTheConnectionItOpened(bool disposeAsync)
    {
        var provider = Provider(services => services.AddCognitoRedisTokenStore(o => Options(o, $"{redis.Configuration},name={_name}")));
        await UseAsync(provider);
        Assert.NotEmpty(await ClientsNamedAsync(_name));

        if (disposeAsync)
        {
            await provider.DisposeAsync();
        }
        else
        {
            provider.Dispose();
        }

        await EventuallyAsync(async () => (await ClientsNamedAsync(_name)).Length == 0);
    }

    [Fact]
    public async Task DisposeProvider_NeverUsed_OpensNoConnection()
    {
        var provider = Provider(services => services.AddCognitoRedisTokenStore(o => Options(o, $"{redis.Configuration},name={_name}")));
        _ = provider.GetRequiredService<ICognitoTokenStore>();
        _ = provider.GetRequiredService<ICognitoRenewalLock>();

        await provider.DisposeAsync();

        Assert.Empty(await ClientsNamedAsync(_name));
    }

    [Fact]
    public async Task DisposeProvider_ApplicationsMultiplexer_IsLeftOpen()
    {
        await using var application = await ConnectionMultiplexer.ConnectAsync($"{redis.Configuration},name={_name}");
        var provider = Provider(services => services
            .AddSingleton<IConnectionMultiplexer>(application)
            .AddCognitoRedisTokenStore(o => Options(o, configuration: null)));
        await UseAsync(provider);

        await provider.DisposeAsync();

        Assert.True(application.IsConnected);
        await application.GetDatabase().PingAsync();
        Assert.NotEmpty(await ClientsNamedAsync(_name));
    }

    /// <summary>A store write and a lock taken and released: the connection and the cache over it are both in use.</summary>
    private static async Task UseAsync(ServiceProvider provider)
    {
        await provider.GetRequiredService<ICognitoTokenStore>().SetAsync("store-key", Tokens, CancellationToken.None);
        var lease = await provider.GetRequiredService<ICognitoRenewalLock>().AcquireAsync("store-key", _ => default, CancellationToken.None);
        await lease!.DisposeAsync();
        Assert.NotNull(await provider.GetRequiredService<ICognitoTokenStore>().GetAsync("store-key", CancellationToken.None));
    }

    private async Task<ClientInfo[]> ClientsNamedAsync(string name) =>
        (await redis.Connection.GetServer(redis.Configuration).ClientListAsync()).Where(client => client.Name == name).ToArray();

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; !await condition(); attempt++)
        {
            Assert.True(attempt < 100, "The condition did not hold within 5 s.");
            await Task.Delay(50);
        }
    }

    private static ServiceProvider Provider(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection().AddLogging();
        configure(services);
        return services.BuildServiceProvider();
    }

    private static void Options(CognitoRedisTokenStoreOptions options, string? configuration)
    {
        options.Configuration = configuration;
        options.EncryptionKey = FleetInstance.NewKey();
        options.KeyPrefix = $"connection-{Guid.NewGuid():N}:";
    }
}

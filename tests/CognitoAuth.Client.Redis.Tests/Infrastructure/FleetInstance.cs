using CognitoAuth.Client.Redis.Connection;
using CognitoAuth.Client.Redis.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CognitoAuth.Client.Redis.Tests.Infrastructure;

/// <summary>
/// One instance of an application fleet: its own service provider (as its own process would have) with the Cognito API
/// client and the Redis token store, sharing only Redis, the stub endpoint and the wall clock with the others.
/// </summary>
internal sealed class FleetInstance : IAsyncDisposable
{
    public const string Username = "fleet-user@example.com";

    private readonly ServiceProvider _provider;

    public FleetInstance(StubCognito stub, string redisConfiguration, TimeProvider clock, string keyPrefix, string encryptionKey, string username = Username,
        Action<CognitoRedisTokenStoreOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddSingleton(clock);
        services.AddCognitoApiClient(options =>
        {
            options.AuthFlow = CognitoAuthFlow.UserPassword;
            options.Region = "ap-northeast-1";
            options.ServiceUrl = stub.BaseAddress;
            options.ClientId = StubCognito.ClientId;
            options.Username = username;
            options.Password = StubCognito.Password;
            options.ApiBaseAddress = stub.BaseAddress;
        });
        services.AddCognitoRedisTokenStore(options =>
        {
            options.Configuration = redisConfiguration;
            options.EncryptionKey = encryptionKey;
            options.KeyPrefix = keyPrefix;
            configure?.Invoke(options);
        });
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public ICognitoTokenProvider Tokens => _provider.GetRequiredService<ICognitoTokenProvider>();

    public ICognitoTokenStore Store => _provider.GetRequiredService<ICognitoTokenStore>();

    internal TokenProtector Protector => _provider.GetRequiredService<TokenProtector>();

    /// <summary>Whether this instance's own Redis connection is up (it reconnects by itself after an outage).</summary>
    public async Task<bool> IsConnectedToRedisAsync() => (await _provider.GetRequiredService<RedisConnection>().GetAsync(CancellationToken.None)).IsConnected;

    public FakeLogCollector Logs => _provider.GetFakeLogCollector();

    public Task<string> GetHelloAsync() =>
        _provider.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName).GetStringAsync(new Uri("hello", UriKind.Relative));

    public static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

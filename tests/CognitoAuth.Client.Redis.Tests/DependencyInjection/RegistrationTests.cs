using CognitoAuth.Client.Redis.Locking;
using CognitoAuth.Client.Redis.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;
using StackExchange.Redis;

namespace CognitoAuth.Client.Redis.Tests.DependencyInjection;

public sealed class RegistrationTests
{
    private static readonly string Key = Convert.ToBase64String(new byte[32]);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddCognitoRedisTokenStore_BeforeOrAfterTheClient_ReplacesTheInMemoryDefaults(bool storeFirst)
    {
        var services = new ServiceCollection();
        if (storeFirst)
        {
            services.AddCognitoRedisTokenStore(Valid);
            services.AddCognitoApiClient(Client);
        }
        else
        {
            services.AddCognitoApiClient(Client);
            services.AddCognitoRedisTokenStore(Valid);
        }

        using var provider = services.BuildServiceProvider();

        Assert.IsType<EncryptedTokenStore>(provider.GetRequiredService<ICognitoTokenStore>());
        Assert.IsType<RedisRenewalLock>(provider.GetRequiredService<ICognitoRenewalLock>());
        Assert.Single(services, d => d.ServiceType == typeof(ICognitoTokenStore));
        Assert.Single(services, d => d.ServiceType == typeof(ICognitoRenewalLock));
    }

    [Fact]
    public void AddCognitoRedisTokenStore_Twice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddCognitoApiClient(Client);

        services.AddCognitoRedisTokenStore(Valid);
        services.AddCognitoRedisTokenStore(Valid);

        Assert.Single(services, d => d.ServiceType == typeof(ICognitoTokenStore));
        Assert.Single(services, d => d.ServiceType == typeof(EncryptedTokenStore));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<CognitoRedisTokenStoreOptions>) && d.ImplementationType?.Name == "CognitoRedisTokenStoreOptionsRules");
    }

    [Fact]
    public void AddCognitoRedisTokenStore_FromConfiguration_BindsEveryKey()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CognitoAuth:Redis:Configuration"] = "redis.internal:6380,ssl=true",
            ["CognitoAuth:Redis:EncryptionKey"] = Key,
            ["CognitoAuth:Redis:KeyPrefix"] = "app1:",
            ["CognitoAuth:Redis:LockLease"] = "00:00:05",
            ["CognitoAuth:Redis:LockHoldLimit"] = "00:01:00",
            ["CognitoAuth:Redis:LockRetryInterval"] = "00:00:00.020",
            ["CognitoAuth:Redis:EntryLifetime"] = "7.00:00:00",
        }).Build().GetSection(CognitoRedisTokenStoreOptions.SectionName);
        var services = new ServiceCollection();

        services.AddCognitoRedisTokenStore(section);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<CognitoRedisTokenStoreOptions>>().Value;

        Assert.Equal("redis.internal:6380,ssl=true", options.Configuration);
        Assert.Equal(Key, options.EncryptionKey);
        Assert.Equal("app1:", options.KeyPrefix);
        Assert.Equal(TimeSpan.FromSeconds(5), options.LockLease);
        Assert.Equal(TimeSpan.FromMinutes(1), options.LockHoldLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(20), options.LockRetryInterval);
        Assert.Equal(TimeSpan.FromDays(7), options.EntryLifetime);
    }

    [Fact]
    public void Options_Defaults_AreDocumented()
    {
        var options = new CognitoRedisTokenStoreOptions();

        Assert.Equal("cognitoauth:", options.KeyPrefix);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LockLease);
        Assert.Equal(TimeSpan.FromSeconds(40), options.LockHoldLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.LockRetryInterval);
        Assert.Equal(TimeSpan.FromDays(30), options.EntryLifetime);
    }

    [Fact]
    public void Options_ToString_HidesTheKeyAndTheConnectionString()
    {
        var options = new CognitoRedisTokenStoreOptions { Configuration = "redis:6379,password=hunter2", EncryptionKey = Key };

        var text = options.ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.Contains("EncryptionKey = ***", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_NoEncryptionKey_FailsNamingIt()
    {
        var failure = Validate(o => o.Configuration = "localhost:6379");

        Assert.Contains("EncryptionKey", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all")]
    public void Validation_MalformedEncryptionKey_FailsNamingItWithoutEchoingIt(string key)
    {
        var failure = Validate(o =>
        {
            o.Configuration = "localhost:6379";
            o.EncryptionKey = key;
        });

        Assert.Contains("EncryptionKey", failure, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(key, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_NoRedisToConnectTo_FailsNamingConfiguration()
    {
        var failure = Validate(o => o.EncryptionKey = Key);

        Assert.Contains("Configuration", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_MalformedConfiguration_FailsNamingItWithoutEchoingIt()
    {
        var failure = Validate(o =>
        {
            o.Configuration = "localhost:6379,password=hunter2,notAnOption=1";
            o.EncryptionKey = Key;
        });

        Assert.Contains("Configuration", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_ApplicationMultiplexerRegistered_NeedsNoConfiguration()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Substitute.For<IConnectionMultiplexer>());
        services.AddCognitoRedisTokenStore(o => o.EncryptionKey = Key);
        using var provider = services.BuildServiceProvider();

        Assert.Null(provider.GetRequiredService<IOptions<CognitoRedisTokenStoreOptions>>().Value.Configuration);
    }

    [Theory]
    [InlineData("LockLease", 0, 50, 30)]
    [InlineData("LockRetryInterval", 10_000, 0, 30)]
    [InlineData("LockRetryInterval", 10_000, 10_000, 30)]
    [InlineData("EntryLifetime", 10_000, 50, 0)]
    public void Validation_DurationsOutOfRange_FailNamingTheKey(string key, int leaseMs, int retryMs, int entryDays)
    {
        var failure = Validate(o =>
        {
            o.Configuration = "localhost:6379";
            o.EncryptionKey = Key;
            o.LockLease = TimeSpan.FromMilliseconds(leaseMs);
            o.LockRetryInterval = TimeSpan.FromMilliseconds(retryMs);
            o.EntryLifetime = TimeSpan.FromDays(entryDays);
        });

        Assert.Contains(key, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_HoldLimitShorterThanTheLease_FailsNamingIt()
    {
        var failure = Validate(o =>
        {
            o.Configuration = "localhost:6379";
            o.EncryptionKey = Key;
            o.LockLease = TimeSpan.FromSeconds(10);
            o.LockHoldLimit = TimeSpan.FromSeconds(5);
        });

        Assert.Contains("LockHoldLimit", failure, StringComparison.Ordinal);
        Assert.Contains("at least LockLease", failure, StringComparison.Ordinal);
    }

    private static string Validate(Action<CognitoRedisTokenStoreOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddCognitoRedisTokenStore(configure);
        using var provider = services.BuildServiceProvider();
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CognitoRedisTokenStoreOptions>>().Value);
        return exception.Message;
    }

    private static void Valid(CognitoRedisTokenStoreOptions options)
    {
        options.Configuration = "localhost:6379";
        options.EncryptionKey = Key;
    }

    private static void Client(CognitoApiClientOptions options)
    {
        options.UserPoolId = "ap-northeast-1_Pool";
        options.ClientId = "client";
        options.Username = "user";
        options.Password = "password";
        options.ApiBaseAddress = new Uri("https://api.example.com/");
    }
}

using CognitoAuth.Client;
using CognitoAuth.Client.Redis;
using CognitoAuth.Client.Redis.Connection;
using CognitoAuth.Client.Redis.DependencyInjection;
using CognitoAuth.Client.Redis.Locking;
using CognitoAuth.Client.Redis.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Keeps the Cognito API clients' tokens in Redis, encrypted, so that every instance of a fleet shares one token set per
/// user and the fleet signs in (or refreshes) once per token lifetime rather than once per instance. Call it alongside
/// <c>AddCognitoApiClient</c>, in either order. Invalid options fail at start-up with a message naming the key.
/// </summary>
public static class CognitoRedisServiceCollectionExtensions
{
    /// <summary>Stores the tokens in Redis, configured from <paramref name="section"/> (conventionally <c>CognitoAuth:Redis</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddCognitoRedisTokenStore(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        AddCore(services).Bind(section);
        return services;
    }

    /// <summary>Stores the tokens in Redis, configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddCognitoRedisTokenStore(this IServiceCollection services, Action<CognitoRedisTokenStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services).Configure(configure);
        return services;
    }

    private static OptionsBuilder<CognitoRedisTokenStoreOptions> AddCore(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CognitoRedisTokenStoreOptions>, CognitoRedisTokenStoreOptionsRules>());
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<CognitoRedisTokenStoreOptions>>().Value;
            return new TokenProtector(options.EncryptionKey!, options.KeyPrefix);
        });
        services.TryAddSingleton(static sp => new EncryptedTokenStore(
            sp.GetRequiredService<RedisConnection>().Cache,
            sp.GetRequiredService<TokenProtector>(),
            sp.GetRequiredService<IOptions<CognitoRedisTokenStoreOptions>>().Value.EntryLifetime,
            sp.GetRequiredService<ILogger<EncryptedTokenStore>>()));
        services.TryAddSingleton<RedisRenewalLock>();

        // Replace, not TryAdd: AddCognitoApiClient registers the in-memory defaults with TryAdd, and may already have run.
        services.Replace(ServiceDescriptor.Singleton<ICognitoTokenStore>(static sp => sp.GetRequiredService<EncryptedTokenStore>()));
        services.Replace(ServiceDescriptor.Singleton<ICognitoRenewalLock>(static sp => sp.GetRequiredService<RedisRenewalLock>()));

        return services.AddOptionsWithValidateOnStart<CognitoRedisTokenStoreOptions, CognitoRedisTokenStoreOptionsValidator>();
    }
}

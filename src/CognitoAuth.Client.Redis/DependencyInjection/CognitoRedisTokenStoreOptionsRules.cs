using CognitoAuth.Client.Redis.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CognitoAuth.Client.Redis.DependencyInjection;

/// <summary>The rules an attribute cannot express; every message names the key and never echoes a secret.</summary>
internal sealed class CognitoRedisTokenStoreOptionsRules(IServiceProviderIsService services) : IValidateOptions<CognitoRedisTokenStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, CognitoRedisTokenStoreOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();

        if (string.IsNullOrWhiteSpace(options.Configuration) && !services.IsService(typeof(IConnectionMultiplexer)))
        {
            builder.AddError(
                "No Redis to connect to: set Configuration (e.g. 'localhost:6379') or register an IConnectionMultiplexer.",
                nameof(options.Configuration));
        }

        else if (!string.IsNullOrWhiteSpace(options.Configuration) && !IsParsable(options.Configuration))
        {
            // Never echoed: a configuration string may hold the Redis password.
            builder.AddError("is not a StackExchange.Redis configuration string (e.g. 'redis.internal:6379,ssl=true').", nameof(options.Configuration));
        }

        if (options.EncryptionKey is { } key && !TokenProtector.IsValidKey(key))
        {
            builder.AddError(
                $"is not {TokenProtector.KeySize} bytes in base64: generate one with 'openssl rand -base64 {TokenProtector.KeySize}'.",
                nameof(options.EncryptionKey));
        }

        if (options.KeyPrefix is null)
        {
            builder.AddError("must not be null (it may be empty).", nameof(options.KeyPrefix));
        }

        if (options.LockLease <= TimeSpan.Zero)
        {
            builder.AddError($"'{options.LockLease}' must be positive: it is how long a user's renewal lock outlives an instance that died holding it.", nameof(options.LockLease));
        }

        if (options.LockHoldLimit < options.LockLease)
        {
            builder.AddError(
                $"'{options.LockHoldLimit}' must be at least LockLease ('{options.LockLease}'): it is how long one renewal may keep the lock, and how long the others wait for it.",
                nameof(options.LockHoldLimit));
        }

        if (options.LockRetryInterval <= TimeSpan.Zero || options.LockRetryInterval >= options.LockLease)
        {
            builder.AddError($"'{options.LockRetryInterval}' must be positive and shorter than LockLease.", nameof(options.LockRetryInterval));
        }

        if (options.EntryLifetime <= TimeSpan.Zero)
        {
            builder.AddError($"'{options.EntryLifetime}' must be positive: it is how long a token entry stays in Redis.", nameof(options.EntryLifetime));
        }

        return builder.Build();
    }

    private static bool IsParsable(string configuration)
    {
        try
        {
            ConfigurationOptions.Parse(configuration);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Redis.DependencyInjection;

/// <summary>Source-generated validation of the <c>DataAnnotations</c> on <see cref="CognitoRedisTokenStoreOptions"/> (no reflection).</summary>
[OptionsValidator]
internal sealed partial class CognitoRedisTokenStoreOptionsValidator : IValidateOptions<CognitoRedisTokenStoreOptions>;

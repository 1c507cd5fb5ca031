using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.DependencyInjection;

/// <summary>Source-generated validation of the <c>DataAnnotations</c> on <see cref="CognitoApiClientOptions"/> (no reflection).</summary>
[OptionsValidator]
internal sealed partial class CognitoApiClientOptionsValidator : IValidateOptions<CognitoApiClientOptions>;

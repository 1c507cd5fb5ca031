using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Configuration;

/// <summary>Source-generated validation of the <c>DataAnnotations</c> on <see cref="CognitoApiClientOptions"/> (no reflection).</summary>
[OptionsValidator]
internal sealed partial class CognitoApiClientOptionsValidator : IValidateOptions<CognitoApiClientOptions>;

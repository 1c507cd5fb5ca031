using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Configuration;

/// <summary>
/// The rules every flow shares (enums, URIs, durations, the pool id's shape), the refusal of a key the configured flow does not
/// read, and then the flow's own rules (<see cref="IFlowRules.Validate"/>). Every message names the key.
/// </summary>
internal sealed class CognitoApiClientOptionsRules(FlowCatalog flows) : IValidateOptions<CognitoApiClientOptions>
{
    public ValidateOptionsResult Validate(string? name, CognitoApiClientOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();

        if (flows.Find(options.AuthFlow) is { } flow)
        {
            foreach (var (key, isSet) in OptionKeys.FlowSpecific)
            {
                if (isSet(options) && !flow.Keys.Contains(key))
                {
                    builder.AddError($"{key} applies only to AuthFlow {flows.ReadersOf(key)}; the {options.AuthFlow} flow ignores it: remove it.", key);
                }
            }

            flow.Validate(options, builder);
        }
        else
        {
            builder.AddError($"'{options.AuthFlow}' is not a valid AuthFlow: use {string.Join(", ", flows.All.Select(f => f.AuthFlow))}.", nameof(options.AuthFlow));
        }

        if (!Enum.IsDefined(options.TokenType))
        {
            builder.AddError($"'{options.TokenType}' is not a valid TokenType: use Access or Id.", nameof(options.TokenType));
        }

        if (!Enum.IsDefined(options.TokenEndpointAuthMethod))
        {
            builder.AddError($"'{options.TokenEndpointAuthMethod}' is not a valid TokenEndpointAuthMethod: use ClientSecretBasic or ClientSecretPost.", nameof(options.TokenEndpointAuthMethod));
        }

        CheckUri(builder, options.ApiBaseAddress, nameof(options.ApiBaseAddress));
        CheckUri(builder, options.ServiceUrl, nameof(options.ServiceUrl));
        CheckUri(builder, options.TokenEndpoint, nameof(options.TokenEndpoint));
        CheckUri(builder, options.AuthorizationEndpoint, nameof(options.AuthorizationEndpoint));

        if (options.RefreshBefore < TimeSpan.Zero)
        {
            builder.AddError($"'{options.RefreshBefore}' is negative: it is how long before expiry tokens are refreshed.", nameof(options.RefreshBefore));
        }

        if (options.FailureBackoff < TimeSpan.Zero)
        {
            builder.AddError($"'{options.FailureBackoff}' is negative: it is how long sign-ins pause after a failure (zero turns the pause off).", nameof(options.FailureBackoff));
        }

        if (options.TotpSecret is { Length: > 0 } totp && !Base32.TryDecode(totp, out _))
        {
            // Never the value: it is a secret.
            builder.AddError("The TOTP secret is not base32 (the letters A-Z and digits 2-7 that AssociateSoftwareToken returns).", nameof(options.TotpSecret));
        }

        if (!string.IsNullOrEmpty(options.UserPoolId))
        {
            FlowRules.CheckUserPoolId(options, builder);
        }

        return builder.Build();
    }

    private static void CheckUri(ValidateOptionsResultBuilder builder, Uri? uri, string key)
    {
        if (uri is not null && FlowRules.ProblemWith(uri) is { } problem)
        {
            builder.AddError($"'{uri}' {problem}.", key);
        }
    }
}

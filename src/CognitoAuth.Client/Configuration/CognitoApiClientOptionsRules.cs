using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Configuration;

/// <summary>The rules that span several keys or need more than an attribute; every message names the key.</summary>
internal sealed class CognitoApiClientOptionsRules : IValidateOptions<CognitoApiClientOptions>
{
    public ValidateOptionsResult Validate(string? name, CognitoApiClientOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();

        if (!Enum.IsDefined(options.AuthFlow))
        {
            builder.AddError($"'{options.AuthFlow}' is not a valid AuthFlow: use AdminUserPassword or UserPassword.", nameof(options.AuthFlow));
        }

        if (!Enum.IsDefined(options.TokenType))
        {
            builder.AddError($"'{options.TokenType}' is not a valid TokenType: use Access or Id.", nameof(options.TokenType));
        }

        ValidateUserPool(options, builder);

        if (options.ApiBaseAddress is { } api && ProblemWith(api) is { } apiProblem)
        {
            builder.AddError($"'{api}' {apiProblem}.", nameof(options.ApiBaseAddress));
        }

        if (options.ServiceUrl is { } service && ProblemWith(service) is { } serviceProblem)
        {
            builder.AddError($"'{service}' {serviceProblem}.", nameof(options.ServiceUrl));
        }

        if (options.RefreshBefore < TimeSpan.Zero)
        {
            builder.AddError($"'{options.RefreshBefore}' is negative: it is how long before expiry tokens are refreshed.", nameof(options.RefreshBefore));
        }

        if (options.FailureBackoff < TimeSpan.Zero)
        {
            builder.AddError($"'{options.FailureBackoff}' is negative: it is how long sign-ins pause after a failure (zero turns the pause off).", nameof(options.FailureBackoff));
        }

        return builder.Build();
    }

    private static void ValidateUserPool(CognitoApiClientOptions options, ValidateOptionsResultBuilder builder)
    {
        var poolId = options.UserPoolId;
        if (string.IsNullOrEmpty(poolId))
        {
            if (options.AuthFlow == CognitoAuthFlow.AdminUserPassword)
            {
                builder.AddError("The AdminUserPassword flow needs the user pool id (or set AuthFlow to UserPassword).", nameof(options.UserPoolId));
            }
            else if (string.IsNullOrEmpty(options.Region) && options.ServiceUrl is null)
            {
                // The default endpoint is regional.
                builder.AddError("No region: set Region, or UserPoolId (its prefix is the region), or ServiceUrl.", nameof(options.Region));
            }

            return;
        }

        if (!UserPoolIdFormat.TryGetRegion(poolId, out var poolRegion))
        {
            builder.AddError($"'{poolId}' is not a user pool id: expected '<region>_<id>', e.g. 'ap-northeast-1_AbC123xyz'.", nameof(options.UserPoolId));
            return;
        }

        if (!string.IsNullOrEmpty(options.Region) && !string.Equals(options.Region, poolRegion, StringComparison.Ordinal))
        {
            builder.AddError($"'{options.Region}' contradicts UserPoolId '{poolId}', whose region is '{poolRegion}'.", nameof(options.Region));
        }
    }

    /// <summary>Tokens and credentials travel only over https, except to this machine.</summary>
    private static string? ProblemWith(Uri uri) =>
        !uri.IsAbsoluteUri ? "is not an absolute URI"
        : uri.Scheme == Uri.UriSchemeHttps ? null
        : uri.Scheme != Uri.UriSchemeHttp ? "must use https"
        : Loopback.Is(uri) ? null
        : "uses plain http to a host that is not loopback: use https";
}

using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Configuration;

/// <summary>Rules several flows share, for their <c>Validate</c>: each adds an error naming the key, or nothing.</summary>
internal static class FlowRules
{
    /// <summary>A user signs in with the configured name (and, when <paramref name="password"/>, password).</summary>
    public static void RequireUser(CognitoApiClientOptions options, ValidateOptionsResultBuilder builder, bool password = true)
    {
        var flow = options.AuthFlow;
        if (string.IsNullOrEmpty(options.Username))
        {
            builder.AddError($"The {flow} flow signs a user in: set the user name (or use AuthFlow ClientCredentials, which needs none).", nameof(options.Username));
        }

        if (password && string.IsNullOrEmpty(options.Password))
        {
            builder.AddError($"The {flow} flow signs a user in: set the user's password (the temporary one for a new user).", nameof(options.Password));
        }
    }

    /// <summary>The flow needs the pool id; <paramref name="why"/> says what for.</summary>
    public static void RequireUserPoolId(CognitoApiClientOptions options, ValidateOptionsResultBuilder builder, string why)
    {
        if (string.IsNullOrEmpty(options.UserPoolId))
        {
            builder.AddError($"The {options.AuthFlow} flow needs the user pool id: {why}.", nameof(options.UserPoolId));
        }
    }

    /// <summary>The flow calls Cognito's API: without a pool id, the region (or an explicit endpoint) must be known.</summary>
    public static void RequireEndpoint(CognitoApiClientOptions options, ValidateOptionsResultBuilder builder)
    {
        if (string.IsNullOrEmpty(options.UserPoolId) && string.IsNullOrEmpty(options.Region) && options.ServiceUrl is null)
        {
            // The default endpoint is regional.
            builder.AddError("No region: set Region, or UserPoolId (its prefix is the region), or ServiceUrl.", nameof(options.Region));
        }
    }

    /// <summary>A set pool id has the form <c>&lt;region&gt;_&lt;id&gt;</c> and agrees with <see cref="CognitoApiClientOptions.Region"/>.</summary>
    public static void CheckUserPoolId(CognitoApiClientOptions options, ValidateOptionsResultBuilder builder)
    {
        var poolId = options.UserPoolId;
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
    public static string? ProblemWith(Uri uri) =>
        !uri.IsAbsoluteUri ? "is not an absolute URI"
        : uri.Scheme == Uri.UriSchemeHttps ? null
        : uri.Scheme != Uri.UriSchemeHttp ? "must use https"
        : Loopback.Is(uri) ? null
        : "uses plain http to a host that is not loopback: use https";

    /// <summary>The code comes back to a listener of this client: plain http on this machine (RFC 8252 §7.3), no fragment (RFC 6749 §3.1.2).</summary>
    public static string? RedirectProblemWith(Uri uri) =>
        !uri.IsAbsoluteUri ? "is not an absolute URI"
        : uri.Scheme != Uri.UriSchemeHttp ? "must be an http address of this machine (e.g. http://localhost:8400/callback), where the client listens for the browser"
        : !Loopback.Is(uri) ? "is not on this machine: the client listens for the browser on localhost, 127.0.0.1 or [::1]"
        : uri.Fragment.Length > 0 ? "has a fragment, which a redirect URI cannot have"
        : null;
}

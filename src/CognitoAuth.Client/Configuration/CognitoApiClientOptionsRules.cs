using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Configuration;

/// <summary>
/// The rules that span several keys or depend on the flow; every message names the key. A flow's message says which keys it
/// needs, and a key it would ignore is an error rather than a silent surprise.
/// </summary>
internal sealed class CognitoApiClientOptionsRules : IValidateOptions<CognitoApiClientOptions>
{
    public ValidateOptionsResult Validate(string? name, CognitoApiClientOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();

        if (!Enum.IsDefined(options.AuthFlow))
        {
            builder.AddError($"'{options.AuthFlow}' is not a valid AuthFlow: use AdminUserPassword, UserPassword, UserSrp, ClientCredentials or AuthorizationCode.", nameof(options.AuthFlow));
        }

        if (!Enum.IsDefined(options.TokenType))
        {
            builder.AddError($"'{options.TokenType}' is not a valid TokenType: use Access or Id.", nameof(options.TokenType));
        }

        if (!Enum.IsDefined(options.TokenEndpointAuthMethod))
        {
            builder.AddError($"'{options.TokenEndpointAuthMethod}' is not a valid TokenEndpointAuthMethod: use ClientSecretBasic or ClientSecretPost.", nameof(options.TokenEndpointAuthMethod));
        }

        if (options.AuthFlow == CognitoAuthFlow.ClientCredentials)
        {
            ValidateClientCredentials(options, builder);
        }
        else if (options.AuthFlow == CognitoAuthFlow.AuthorizationCode)
        {
            ValidateAuthorizationCode(options, builder);
        }
        else
        {
            ValidateUser(options, builder);
        }

        if (options.AuthFlow != CognitoAuthFlow.AuthorizationCode)
        {
            foreach (var (key, value) in new[] { (nameof(options.AuthorizationEndpoint), options.AuthorizationEndpoint), (nameof(options.RedirectUri), options.RedirectUri), (nameof(options.LogoutUri), options.LogoutUri) })
            {
                if (value is not null)
                {
                    builder.AddError($"{key} applies only to AuthFlow AuthorizationCode; the {options.AuthFlow} flow ignores it: remove it.", key);
                }
            }
        }

        if (options.ApiBaseAddress is { } api && ProblemWith(api) is { } apiProblem)
        {
            builder.AddError($"'{api}' {apiProblem}.", nameof(options.ApiBaseAddress));
        }

        if (options.ServiceUrl is { } service && ProblemWith(service) is { } serviceProblem)
        {
            builder.AddError($"'{service}' {serviceProblem}.", nameof(options.ServiceUrl));
        }

        if (options.TokenEndpoint is { } tokenEndpoint && ProblemWith(tokenEndpoint) is { } tokenEndpointProblem)
        {
            builder.AddError($"'{tokenEndpoint}' {tokenEndpointProblem}.", nameof(options.TokenEndpoint));
        }

        if (options.AuthorizationEndpoint is { } authorizationEndpoint && ProblemWith(authorizationEndpoint) is { } authorizationEndpointProblem)
        {
            builder.AddError($"'{authorizationEndpoint}' {authorizationEndpointProblem}.", nameof(options.AuthorizationEndpoint));
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

    /// <summary>The flows that sign a user in: a user name and password, and a pool for the admin flow.</summary>
    private static void ValidateUser(CognitoApiClientOptions options, ValidateOptionsResultBuilder builder)
    {
        var flow = options.AuthFlow;
        if (string.IsNullOrEmpty(options.Username))
        {
            builder.AddError($"The {flow} flow signs a user in: set the user name (or use AuthFlow ClientCredentials, which needs none).", nameof(options.Username));
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            builder.AddError($"The {flow} flow signs a user in: set the user's password (the temporary one for a new user).", nameof(options.Password));
        }

        // TokenEndpoint is not refused: like ServiceUrl it describes the pool, and a local stack (Aspire's WithReference,
        // Contract 7) hands it to every app whatever flow the app uses.
        if (options.Scopes is not null)
        {
            builder.AddError($"{nameof(options.Scopes)} applies only to AuthFlow ClientCredentials and AuthorizationCode; the {flow} flow ignores it: remove it.", nameof(options.Scopes));
        }

        if (flow == CognitoAuthFlow.UserSrp && string.IsNullOrEmpty(options.UserPoolId))
        {
            builder.AddError("The UserSrp flow needs the user pool id: the part after '_' enters the SRP proof.", nameof(options.UserPoolId));
        }

        if (options.TotpSecret is { } totp && !Base32.TryDecode(totp, out _))
        {
            // Never the value: it is a secret.
            builder.AddError("The TOTP secret is not base32 (the letters A-Z and digits 2-7 that AssociateSoftwareToken returns).", nameof(options.TotpSecret));
        }

        ValidateUserPool(options, builder);
    }

    /// <summary>The client-credentials grant: the app client's id and secret, and where its token endpoint is; no user.</summary>
    private static void ValidateClientCredentials(CognitoApiClientOptions options, ValidateOptionsResultBuilder builder)
    {
        if (string.IsNullOrEmpty(options.ClientSecret))
        {
            builder.AddError("The ClientCredentials flow authenticates the app client with its secret: set the client secret.", nameof(options.ClientSecret));
        }

        if (options.TokenEndpoint is null && string.IsNullOrEmpty(options.UserPoolId))
        {
            builder.AddError(
                "The ClientCredentials flow needs the token endpoint: set TokenEndpoint (https://{domain}/oauth2/token), or UserPoolId to find it in the pool's OpenID configuration.",
                nameof(options.TokenEndpoint));
        }

        if (options.TokenType == CognitoTokenType.Id)
        {
            builder.AddError("The ClientCredentials flow issues no ID token: TokenType must be Access.", nameof(options.TokenType));
        }

        RefuseUserKeys(options, builder, "AuthFlow ClientCredentials, where no user signs in");

        if (!string.IsNullOrEmpty(options.UserPoolId))
        {
            ValidateUserPool(options, builder);
        }
    }

    /// <summary>The user's keys (name, password, new password, TOTP secret, attributes) where no configured user signs in.</summary>
    private static void RefuseUserKeys(CognitoApiClientOptions options, ValidateOptionsResultBuilder builder, string flow)
    {
        var set = new[]
            {
                (nameof(options.Username), options.Username),
                (nameof(options.Password), options.Password),
                (nameof(options.NewPassword), options.NewPassword),
                (nameof(options.TotpSecret), options.TotpSecret),
            }
            .Where(key => !string.IsNullOrEmpty(key.Item2))
            .Select(key => key.Item1)
            .Concat(options.UserAttributes.Count > 0 ? [nameof(options.UserAttributes)] : []);
        foreach (var key in set)
        {
            builder.AddError($"{key} does not apply to {flow}: remove it.", key);
        }
    }

    /// <summary>
    /// The browser sign-in: where the pool's endpoints are, a redirect URI this machine can listen on, and no user or password
    /// (the person signs in in the browser).
    /// </summary>
    private static void ValidateAuthorizationCode(CognitoApiClientOptions options, ValidateOptionsResultBuilder builder)
    {
        if (string.IsNullOrEmpty(options.UserPoolId) && (options.AuthorizationEndpoint is null || options.TokenEndpoint is null))
        {
            builder.AddError(
                "The AuthorizationCode flow needs the pool domain's endpoints: set UserPoolId to find them in the pool's OpenID configuration, " +
                "or both AuthorizationEndpoint (https://{domain}/oauth2/authorize) and TokenEndpoint (https://{domain}/oauth2/token).",
                nameof(options.UserPoolId));
        }

        if (options.RedirectUri is { } redirect && RedirectProblemWith(redirect) is { } redirectProblem)
        {
            builder.AddError($"'{redirect}' {redirectProblem}.", nameof(options.RedirectUri));
        }

        if (options.LogoutUri is { } logout && (ProblemWith(logout) ?? (logout.IsAbsoluteUri && logout.Fragment.Length > 0 ? "has a fragment, which a sign-out URL cannot have" : null)) is { } logoutProblem)
        {
            builder.AddError($"'{logout}' {logoutProblem}.", nameof(options.LogoutUri));
        }

        var scopes = (options.Scopes ?? CognitoClientContext.DefaultInteractiveScopes).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (options.Scopes is not null && scopes.Length == 0)
        {
            builder.AddError("The AuthorizationCode flow asks for scopes: remove Scopes for the default (openid email profile aws.cognito.signin.user.admin), or name some.", nameof(options.Scopes));
        }
        else if (options.TokenType == CognitoTokenType.Id && !scopes.Contains("openid", StringComparer.Ordinal))
        {
            builder.AddError("TokenType is Id, but Scopes lacks openid: without it the token endpoint issues no ID token.", nameof(options.TokenType));
        }

        RefuseUserKeys(options, builder, "AuthFlow AuthorizationCode, where the person signs in in the browser");

        if (!string.IsNullOrEmpty(options.UserPoolId))
        {
            ValidateUserPool(options, builder);
        }
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

    /// <summary>The code comes back to a listener of this client: plain http on this machine (RFC 8252 §7.3), no fragment (RFC 6749 §3.1.2).</summary>
    private static string? RedirectProblemWith(Uri uri) =>
        !uri.IsAbsoluteUri ? "is not an absolute URI"
        : uri.Scheme != Uri.UriSchemeHttp ? "must be an http address of this machine (e.g. http://localhost:8400/callback), where the client listens for the browser"
        : !Loopback.Is(uri) ? "is not on this machine: the client listens for the browser on localhost, 127.0.0.1 or [::1]"
        : uri.Fragment.Length > 0 ? "has a fragment, which a redirect URI cannot have"
        : null;

    /// <summary>Tokens and credentials travel only over https, except to this machine.</summary>
    private static string? ProblemWith(Uri uri) =>
        !uri.IsAbsoluteUri ? "is not an absolute URI"
        : uri.Scheme == Uri.UriSchemeHttps ? null
        : uri.Scheme != Uri.UriSchemeHttp ? "must use https"
        : Loopback.Is(uri) ? null
        : "uses plain http to a host that is not loopback: use https";
}

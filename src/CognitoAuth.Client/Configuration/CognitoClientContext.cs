using CognitoAuth.Client.Cognito;

namespace CognitoAuth.Client.Configuration;

/// <summary>
/// An immutable view of one client name's validated options, with what is derived from them computed once: the sign-in
/// flow, the Cognito endpoint, the key that names the user's tokens (the flow's), the sign-in <c>SECRET_HASH</c> and the API
/// origin. A reload of the options makes a new context; nothing here changes after it is built.
/// </summary>
internal sealed class CognitoClientContext
{
    // The API origin, taken apart once: every request is checked against it.
    private readonly string _apiScheme;
    private readonly string _apiHost;
    private readonly string _apiIdnHost;
    private readonly int _apiPort;

    /// <summary>Where the browser brings the code back when <see cref="CognitoApiClientOptions.RedirectUri"/> is not set (the reference stack's callback URL).</summary>
    public static readonly Uri DefaultRedirectUri = new("http://localhost:8400/callback");

    /// <summary>Where <c>/logout</c> sends the browser when <see cref="CognitoApiClientOptions.LogoutUri"/> is not set (the reference stack's sign-out URL).</summary>
    public static readonly Uri DefaultLogoutUri = new("http://localhost:8400/");

    private CognitoClientContext(string name, CognitoApiClientOptions options, IFlowRules flow)
    {
        Name = name;
        Options = options;
        Flow = flow;
        ClientId = options.ClientId!;
        Username = options.Username ?? string.Empty;
        ApiBaseAddress = options.ApiBaseAddress!;
        Scopes = string.Join(' ', (options.Scopes ?? flow.DefaultScopes)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        RedirectUri = options.RedirectUri ?? DefaultRedirectUri;
        LogoutUri = options.LogoutUri ?? DefaultLogoutUri;

        // Region is only absent for flows that sign nothing (an explicit ServiceUrl, or explicit OAuth endpoints and no pool
        // id). Without a ServiceUrl either, they call no Cognito API at all: the regionless name stands in, never called.
        var region = RegionOf(options) ?? string.Empty;
        Endpoint = options.ServiceUrl is { } serviceUrl ? new CognitoEndpoint(serviceUrl, region)
            : region.Length > 0 ? CognitoEndpoint.ForRegion(region)
            : new CognitoEndpoint(new Uri("https://cognito-idp.amazonaws.com/"), region);
        SignInSecretHash = Username.Length > 0 ? SecretHashFor(Username) : null;
        StoreKey = flow.StoreKey(this);

        _apiScheme = ApiBaseAddress.Scheme;
        _apiHost = ApiBaseAddress.Host;
        _apiIdnHost = ApiBaseAddress.IdnHost;
        _apiPort = ApiBaseAddress.Port;
    }

    /// <summary>The client name (<see cref="IHttpClientFactory"/> and options name).</summary>
    public string Name { get; }

    /// <summary>The sign-in flow the options select.</summary>
    public IFlowRules Flow { get; }

    /// <summary>The options snapshot this context views. Never modified.</summary>
    public CognitoApiClientOptions Options { get; }

    public string ClientId { get; }

    /// <summary>The configured user name (possibly an alias); empty for the client-credentials and browser flows.</summary>
    public string Username { get; }

    public Uri ApiBaseAddress { get; }

    public CognitoEndpoint Endpoint { get; }

    /// <summary>Names the tokens, as <see cref="IFlowRules.StoreKey"/> says (for a user: endpoint and pool, app client and user).</summary>
    public string StoreKey { get; }

    /// <summary><c>SECRET_HASH</c> for the configured user name, or <see langword="null"/> without a client secret or a user.</summary>
    public string? SignInSecretHash { get; }

    /// <summary>The scopes asked for, each once, in ordinal order (empty: all the app client's scopes).</summary>
    public string Scopes { get; }

    /// <summary>Where the browser brings a sign-in's code back (<see cref="CognitoAuthFlow.AuthorizationCode"/>).</summary>
    public Uri RedirectUri { get; }

    /// <summary>Where Cognito's <c>/logout</c> sends the browser after a sign-out (<see cref="CognitoAuthFlow.AuthorizationCode"/>).</summary>
    public Uri LogoutUri { get; }

    /// <summary>Where the pool publishes its OpenID configuration (it names the token endpoint), or <see langword="null"/> without a pool id.</summary>
    public Uri? OpenIdConfiguration =>
        string.IsNullOrEmpty(Options.UserPoolId) ? null : new Uri(Endpoint.ServiceUrl, $"{Options.UserPoolId}/.well-known/openid-configuration");

    /// <summary>Builds the context of <paramref name="name"/>'s validated <paramref name="options"/>.</summary>
    public static CognitoClientContext Create(string name, CognitoApiClientOptions options, IFlowRules flow) => new(name, options, flow);

    /// <summary>The key of a configured user's tokens: endpoint and pool, app client and user name.</summary>
    public string UserStoreKey() => string.Join('|', Endpoint.ServiceUrl.AbsoluteUri, Options.UserPoolId, ClientId, Username);

    /// <summary>The region: <see cref="CognitoApiClientOptions.Region"/>, else the <see cref="CognitoApiClientOptions.UserPoolId"/> prefix.</summary>
    public static string? RegionOf(CognitoApiClientOptions options) =>
        !string.IsNullOrEmpty(options.Region) ? options.Region
        : UserPoolIdFormat.TryGetRegion(options.UserPoolId, out var region) ? region
        : null;

    /// <summary><c>SECRET_HASH</c> for <paramref name="username"/>, or <see langword="null"/> when the app client has no secret.</summary>
    public string? SecretHashFor(string username) =>
        string.IsNullOrEmpty(Options.ClientSecret) ? null : SecretHash.Compute(Options.ClientSecret, username, ClientId);

    /// <summary>Whether <paramref name="uri"/> has the API's origin (scheme, host and port): only then may it carry the token.</summary>
    public bool IsApiOrigin(Uri uri) =>
        uri.IsAbsoluteUri
        && uri.Port == _apiPort
        && string.Equals(uri.Scheme, _apiScheme, StringComparison.OrdinalIgnoreCase)
        // Uri lower-cases the DNS names it parses, so the ordinal comparison (~5 ns, against ~18 ns ignoring case) settles the
        // common case. Uri.Host keeps a Unicode name as written while the API's may be punycode: then the IDN forms decide.
        && (string.Equals(uri.Host, _apiHost, StringComparison.Ordinal)
            || string.Equals(uri.Host, _apiHost, StringComparison.OrdinalIgnoreCase)
            || string.Equals(uri.IdnHost, _apiIdnHost, StringComparison.OrdinalIgnoreCase));
}

using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Tokens;

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// One registered API client's validated options, with what is derived from them computed once: the Cognito endpoint,
/// the token store key, the sign-in <c>SECRET_HASH</c> and the API origin.
/// </summary>
internal sealed class CognitoClientContext
{
    // The API origin, taken apart once: every request is checked against it.
    private readonly string _apiScheme;
    private readonly string _apiHost;
    private readonly string _apiHostAsParsed;
    private readonly int _apiPort;
    private readonly string? _apiOriginPrefix;

    private TokenLease? _lease;

    private CognitoClientContext(string name, CognitoApiClientOptions options, Func<string, TokenSlot>? slotFor)
    {
        Name = name;
        Options = options;
        ClientId = options.ClientId!;
        Username = options.Username!;
        ApiBaseAddress = options.ApiBaseAddress!;

        // Region is only absent for the unsigned user-password flow against an explicit ServiceUrl, where nothing signs.
        var region = options.EffectiveRegion ?? string.Empty;
        Endpoint = options.ServiceUrl is { } serviceUrl ? new CognitoEndpoint(serviceUrl, region) : CognitoEndpoint.ForRegion(region);
        StoreKey = string.Join('|', Endpoint.ServiceUrl.AbsoluteUri, options.UserPoolId, ClientId, Username);
        SignInSecretHash = SecretHashFor(Username);
        Tokens = slotFor?.Invoke(StoreKey) ?? new TokenSlot();
        _apiScheme = ApiBaseAddress.Scheme;
        _apiHost = ApiBaseAddress.IdnHost;
        _apiHostAsParsed = ApiBaseAddress.Host;
        _apiPort = ApiBaseAddress.Port;
        _apiOriginPrefix = OriginPrefix(ApiBaseAddress);
    }

    /// <summary>The client name (<see cref="IHttpClientFactory"/> and options name).</summary>
    public string Name { get; }

    public CognitoApiClientOptions Options { get; }

    public string ClientId { get; }

    /// <summary>The configured user name (possibly an alias).</summary>
    public string Username { get; }

    public Uri ApiBaseAddress { get; }

    public CognitoEndpoint Endpoint { get; }

    /// <summary>Separates endpoint and pool, app client and user, so two client names for one user share one sign-in.</summary>
    public string StoreKey { get; }

    /// <summary><c>SECRET_HASH</c> for the configured user name, or <see langword="null"/> without a client secret.</summary>
    public string? SignInSecretHash { get; }

    /// <summary>The tokens this process serves for the user, shared with other client names for the same store key.</summary>
    public TokenSlot Tokens { get; }

    /// <summary>
    /// Lets requests of this client serve the slot's tokens without reading the wall clock for a while (per client, since
    /// each has its own <see cref="CognitoApiClientOptions.RefreshBefore"/>); replaced by the token manager.
    /// </summary>
    public TokenLease? Lease
    {
        get => Volatile.Read(ref _lease);
        set => Volatile.Write(ref _lease, value);
    }

    /// <summary>Builds a context; <paramref name="slotFor"/> gives the token slot of a store key (a new one when absent).</summary>
    public static CognitoClientContext Create(string name, CognitoApiClientOptions options, Func<string, TokenSlot>? slotFor = null) => new(name, options, slotFor);

    /// <summary><c>SECRET_HASH</c> for <paramref name="username"/>, or <see langword="null"/> when the app client has no secret.</summary>
    public string? SecretHashFor(string username) =>
        string.IsNullOrEmpty(Options.ClientSecret) ? null : SecretHash.Compute(Options.ClientSecret, username, ClientId);

    /// <summary>Whether <paramref name="uri"/> has the API's origin (scheme, host and port): only then may it carry the token.</summary>
    public bool IsApiOrigin(Uri uri) =>
        uri.IsAbsoluteUri
        // A URI written in the origin's canonical form (HttpClient writes BaseAddress-relative URIs so) starts with
        // "scheme://host[:port]/": ~7 ns against ~11 ns for taking the parsed URI apart. Anything else is taken apart.
        && ((_apiOriginPrefix is not null && uri.OriginalString.StartsWith(_apiOriginPrefix, StringComparison.Ordinal))
            || (uri.Port == _apiPort
                && string.Equals(uri.Scheme, _apiScheme, StringComparison.OrdinalIgnoreCase)
                // Uri lower-cases the host names it parses, so an ordinal comparison (~5 ns, against ~18 ns ignoring case)
                // settles the common case; the others only run when the hosts differ.
                && (string.Equals(uri.Host, _apiHostAsParsed, StringComparison.Ordinal)
                    || string.Equals(uri.Host, _apiHostAsParsed, StringComparison.OrdinalIgnoreCase)
                    // Uri.Host keeps a Unicode name as written while the API's may be punycode: compare the IDN forms, which
                    // Uri computes anew on every call (so not first).
                    || string.Equals(uri.IdnHost, _apiHost, StringComparison.OrdinalIgnoreCase))));

    /// <summary>
    /// "scheme://host[:port]/" of <paramref name="api"/> in canonical form, or <see langword="null"/> when that text does not
    /// parse back to the same origin: a URI whose text starts with it has the API's origin, as the authority ends at the "/".
    /// </summary>
    private static string? OriginPrefix(Uri api)
    {
        var prefix = api.IsDefaultPort ? $"{api.Scheme}://{api.Host}/" : $"{api.Scheme}://{api.Host}:{api.Port}/";
        return Uri.TryCreate(prefix, UriKind.Absolute, out var parsed)
            && string.Equals(parsed.Scheme, api.Scheme, StringComparison.Ordinal)
            && string.Equals(parsed.Host, api.Host, StringComparison.Ordinal)
            && parsed.Port == api.Port
            && string.Equals(parsed.AbsoluteUri, prefix, StringComparison.Ordinal)
            ? prefix
            : null;
    }
}

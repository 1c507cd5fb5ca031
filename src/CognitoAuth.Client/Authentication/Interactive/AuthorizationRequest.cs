using System.Text;

namespace CognitoAuth.Client.Authentication.Interactive;

/// <summary>
/// One browser sign-in's request to the authorize endpoint (RFC 6749 §4.1.1, OIDC Core §3.1.2.1): its one-time
/// <c>state</c> (ties the browser's answer to this sign-in: RFC 6749 §10.12), <c>nonce</c> (ties the ID token to it: OIDC
/// Core §15.5.2) and PKCE verifier, and the URL that carries all but the verifier.
/// </summary>
internal sealed class AuthorizationRequest
{
    private AuthorizationRequest(string redirectUri, string state, string nonce, Pkce pkce)
    {
        RedirectUri = redirectUri;
        State = state;
        Nonce = nonce;
        Pkce = pkce;
    }

    /// <summary>The redirect URI exactly as configured: the authorize and token requests must send the same text.</summary>
    public string RedirectUri { get; }

    public string State { get; }

    public string Nonce { get; }

    public Pkce Pkce { get; }

    public static AuthorizationRequest Create(Uri redirectUri, RandomFill random) =>
        new(redirectUri.OriginalString, RandomValue(random), RandomValue(random), Pkce.Create(random));

    /// <summary>The authorize endpoint's URL for this sign-in; parameters the endpoint already has in its query are kept.</summary>
    public Uri Url(Uri authorizationEndpoint, string clientId, string scopes)
    {
        var query = new StringBuilder(authorizationEndpoint.Query.TrimStart('?'));
        Append(query, "response_type", "code");
        Append(query, "client_id", clientId);
        Append(query, "redirect_uri", RedirectUri);
        Append(query, "scope", scopes);
        Append(query, "state", State);
        Append(query, "nonce", Nonce);
        Append(query, "code_challenge", Pkce.Challenge);
        Append(query, "code_challenge_method", Pkce.Method);
        return new UriBuilder(authorizationEndpoint) { Query = query.ToString() }.Uri;
    }

    /// <summary>Whether <paramref name="state"/> is this sign-in's, compared in constant time.</summary>
    public bool IsOwnState(string? state) =>
        state is not null
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(state), Encoding.ASCII.GetBytes(State));

    /// <inheritdoc />
    public override string ToString() => $"AuthorizationRequest {{ RedirectUri = {RedirectUri}, State = ***, Nonce = ***, {Pkce} }}";

    /// <summary>128 random bits, base64url: unguessable, and safe in a URL without escaping.</summary>
    private static string RandomValue(RandomFill random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random(bytes);
        return Base64Url.Encode(bytes);
    }

    private static void Append(StringBuilder query, string name, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}

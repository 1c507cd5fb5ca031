using System.Text;
using CognitoAuth.Emulator.Pool;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.OAuth;

/// <summary>
/// The parameters of <c>/oauth2/authorize</c> (and of <c>/login</c>, which takes the same) checked as Cognito checks them
/// (AWS developer guide, "The redirect and authorization endpoint"), in this order:
/// <list type="number">
/// <item>an unknown <c>client_id</c>, a pool without a domain, or a <c>redirect_uri</c> that is not exactly one of the app
/// client's callback URLs (character for character: no normalisation of case, port, trailing slash or
/// <c>localhost</c>/<c>127.0.0.1</c>) → an error page on the pool domain, never a redirect, since the redirect URI is not to
/// be trusted;</item>
/// <item>then errors go back to the redirect URI as <c>?error=…&amp;state=…</c>: <c>invalid_request</c> (no
/// <c>response_type</c>; <c>code_challenge</c> without <c>code_challenge_method</c> or the other way round; a method other
/// than <c>S256</c>, the only one Cognito supports), <c>unsupported_response_type</c>, <c>unauthorized_client</c> (the client
/// lacks the <c>code</c> flow, or OAuth is off for it), <c>invalid_scope</c> (a scope the client is not allowed, or
/// <c>email</c>/<c>phone</c>/<c>profile</c> without <c>openid</c>).</item>
/// </list>
/// Without <c>scope</c> every scope the client is allowed is granted. PKCE is optional, as at Cognito (which recommends it):
/// without a <c>code_challenge</c> the code is redeemed without a verifier.
/// </summary>
internal sealed class AuthorizationRequest
{
    private static readonly string[] ScopesNeedingOpenId = ["email", "phone", "profile"];

    private AuthorizationRequest(UserPool pool, AppClient client, string redirectUri, string? state)
    {
        Pool = pool;
        Client = client;
        RedirectUri = redirectUri;
        State = state;
    }

    public UserPool Pool { get; }

    public AppClient Client { get; }

    public string RedirectUri { get; }

    public string? State { get; }

    public string? Nonce { get; private init; }

    public string? CodeChallenge { get; private init; }

    public IReadOnlyList<string> Scopes { get; private init; } = [];

    /// <summary>The error to send back to the redirect URI, or <see langword="null"/>.</summary>
    public string? RedirectError { get; private init; }

    public string? ErrorDescription { get; private init; }

    /// <summary>Reads and checks the query; call under the directory's gate. <see langword="null"/> means an error page.</summary>
    public static (AuthorizationRequest? Request, string? PageError) Parse(PoolDirectory directory, IQueryCollection query)
    {
        var clientId = query["client_id"].ToString();
        var pool = clientId.Length == 0 ? null : directory.FindPoolOfClient(clientId);
        var client = pool?.FindClient(clientId);
        if (pool is null || client is null || pool.Domain is null)
        {
            return (null, "invalid_request");
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (redirectUri.Length == 0 || !client.CallbackUrls.Contains(redirectUri, StringComparer.Ordinal))
        {
            // Cognito's answer: its error page with error=redirect_mismatch ("An error was encountered with the requested page.").
            return (null, "redirect_mismatch");
        }

        var state = query["state"].Count > 0 ? query["state"].ToString() : null;
        var request = new AuthorizationRequest(pool, client, redirectUri, state);
        var responseType = query["response_type"].ToString();
        var challenge = query["code_challenge"].ToString();
        var method = query["code_challenge_method"].ToString();
        if (responseType.Length == 0)
        {
            return (request.Fail("invalid_request", "response_type is missing."), null);
        }

        if (responseType != "code")
        {
            // "token" is the implicit grant, which the emulator does not serve; anything else is not a response type at all.
            return responseType == "token" && !client.AllowedOAuthFlows.Contains("implicit", StringComparer.Ordinal)
                ? (request.Fail("unauthorized_client", null), null)
                : (request.Fail("unsupported_response_type", null), null);
        }

        if (!client.AllowedOAuthFlowsUserPoolClient || !client.AllowedOAuthFlows.Contains("code", StringComparer.Ordinal))
        {
            return (request.Fail("unauthorized_client", null), null);
        }

        if ((challenge.Length == 0) != (method.Length == 0))
        {
            return (request.Fail("invalid_request", challenge.Length == 0 ? "code_challenge is missing." : "code_challenge_method is missing."), null);
        }

        if (method.Length > 0 && method != "S256")
        {
            return (request.Fail("invalid_request", "code_challenge_method must be S256."), null);
        }

        var requested = query["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var scopes = requested.Count == 0 ? [.. client.AllowedOAuthScopes] : requested;
        if (scopes.Count == 0 || scopes.Any(s => !client.AllowedOAuthScopes.Contains(s, StringComparer.Ordinal))
            || (!scopes.Contains("openid", StringComparer.Ordinal) && scopes.Any(s => ScopesNeedingOpenId.Contains(s, StringComparer.Ordinal))))
        {
            return (request.Fail("invalid_scope", null), null);
        }

        return (new AuthorizationRequest(pool, client, redirectUri, state)
        {
            Nonce = query["nonce"].Count > 0 ? query["nonce"].ToString() : null,
            CodeChallenge = challenge.Length > 0 ? challenge : null,
            Scopes = scopes,
        }, null);
    }

    /// <summary>The redirect URI with parameters appended (after <c>?</c>, or <c>&amp;</c> when it has a query already).</summary>
    public static string AppendQuery(string uri, params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder(uri);
        var separator = uri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }

    /// <summary>Where the browser goes with an error: the redirect URI with <c>error</c> (and <c>error_description</c>) and <c>state</c>.</summary>
    public string ErrorRedirect() => AppendQuery(RedirectUri, ("error", RedirectError), ("error_description", ErrorDescription), ("state", State));

    /// <summary>The query that carries this request from page to page (the login form posts back to <c>/login?…</c>).</summary>
    public string ToQueryString() => AppendQuery(
        string.Empty,
        ("client_id", Client.ClientId),
        ("response_type", "code"),
        ("scope", string.Join(' ', Scopes)),
        ("redirect_uri", RedirectUri),
        ("state", State),
        ("nonce", Nonce),
        ("code_challenge", CodeChallenge),
        ("code_challenge_method", CodeChallenge is null ? null : "S256"));

    public override string ToString() => $"AuthorizationRequest {{ ClientId = {Client.ClientId}, RedirectUri = {RedirectUri}, Scopes = {string.Join(' ', Scopes)} }}";

    private AuthorizationRequest Fail(string error, string? description) =>
        new(Pool, Client, RedirectUri, State) { RedirectError = error, ErrorDescription = description };
}

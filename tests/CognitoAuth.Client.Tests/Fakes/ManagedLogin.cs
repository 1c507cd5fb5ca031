using System.Net;
using System.Security.Cryptography;
using System.Text;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Tests.Cognito;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Client.Tests.Fakes;

/// <summary>
/// A user pool domain's managed login for the browser flow, played on both sides: the <see cref="ICognitoBrowser"/> that
/// "signs the person in" when sent to the authorize URL and brings the code back to the client's loopback listener with a
/// real HTTP request, and the domain's OAuth endpoints on the back-channel (discovery, token, revoke), which check the code,
/// the PKCE verifier and the redirect URI as Cognito does.
/// </summary>
internal sealed class ManagedLogin : ICognitoBrowser, IDisposable
{
    public static readonly Uri Domain = new("https://cauth-ref.auth.ap-northeast-1.amazoncognito.com/");
    public static readonly Uri AuthorizeEndpoint = new(Domain, "oauth2/authorize");
    public static readonly Uri TokenEndpoint = new(Domain, "oauth2/token");
    public static readonly Uri RevokeEndpoint = new(Domain, "oauth2/revoke");
    public static readonly string Issuer = $"https://cognito-idp.ap-northeast-1.amazonaws.com/{FakeCognito.PoolId}";
    public static readonly Uri Discovery = new($"{Issuer}/.well-known/openid-configuration");

    private readonly HttpClient _browserHttp = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
    private readonly Dictionary<string, (string Challenge, string Nonce, string RedirectUri)> _codes = [];
    private readonly List<string> _spent = [];
    private int _serial;

    public ManagedLogin(int port, Action<CognitoApiClientOptions>? configure = null, Action<IServiceCollection>? services = null, bool rotate = false)
    {
        Port = port;
        Rotate = rotate;
        Endpoint.Respond = (request, _, _) => Task.FromResult(Answer(request));
        Harness = new ClientHarness(
            o =>
            {
                o.Username = null;
                o.Password = null;
                o.AuthFlow = CognitoAuthFlow.AuthorizationCode;
                o.RedirectUri = new Uri($"http://localhost:{port}/callback");
                o.LogoutUri = new Uri($"http://localhost:{port}/");
                configure?.Invoke(o);
            },
            s =>
            {
                s.Configure<CognitoResilienceOptions>(o => o.BaseDelay = TimeSpan.Zero);
                s.AddHttpClient(CognitoApiClientOptions.BackChannelName).ConfigurePrimaryHttpMessageHandler(() => Endpoint);
                s.AddSingleton<ICognitoBrowser>(this);
                services?.Invoke(s);
            });
    }

    public int Port { get; }

    public bool Rotate { get; set; }

    public ClientHarness Harness { get; }

    public FakeTimeProvider Time => Harness.Time;

    /// <summary>The domain's back-channel endpoints, as the client's requests reach them.</summary>
    public StubHttpMessageHandler Endpoint { get; } = new();

    /// <summary>Every URL the browser was sent to.</summary>
    public List<Uri> Opened { get; } = [];

    /// <summary>The browser's answers from the client's loopback listener: status and page.</summary>
    public List<(HttpStatusCode Status, string Page)> Pages { get; } = [];

    /// <summary>What the "person" does at the authorize URL: the query the browser brings back (default: this sign-in's code and state).</summary>
    public Func<IReadOnlyDictionary<string, string>, string, IEnumerable<string>> Callbacks { get; set; } =
        static (authorize, code) => [$"code={code}&state={Uri.EscapeDataString(authorize["state"])}"];

    /// <summary>The ID token's nonce for a sign-in (default: the one the authorize URL carried).</summary>
    public Func<string, string> NonceOf { get; set; } = static nonce => nonce;

    /// <summary>Whether the browser does nothing at all (a person who never signs in).</summary>
    public bool Idle { get; set; }

    /// <summary>When set, the revocation endpoint refuses with this OAuth error (400).</summary>
    public string? RevokeRefusal { get; set; }

    public List<string> IssuedTokens { get; } = [];

    /// <summary>The codes the token endpoint redeemed.</summary>
    public IReadOnlyList<string> Redeemed
    {
        get
        {
            lock (_codes)
            {
                return [.. _spent];
            }
        }
    }

    public async Task OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        lock (Opened)
        {
            Opened.Add(url);
        }

        if (Idle)
        {
            return;
        }

        var query = Query(url.Query);
        if (url.GetLeftPart(UriPartial.Path) == AuthorizeEndpoint.AbsoluteUri)
        {
            var code = $"auth-code-{Interlocked.Increment(ref _serial)}-{Guid.NewGuid():N}";
            lock (_codes)
            {
                _codes[code] = (query["code_challenge"], query["nonce"], query["redirect_uri"]);
            }

            foreach (var callback in Callbacks(query, code))
            {
                await VisitAsync(new Uri($"{query["redirect_uri"]}?{callback}"), cancellationToken);
            }
        }
        else if (url.AbsolutePath == "/logout")
        {
            await VisitAsync(new Uri(query["logout_uri"]), cancellationToken);
        }
    }

    public static Dictionary<string, string> Query(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : string.Empty), StringComparer.Ordinal);

    public void Dispose()
    {
        lock (IssuedTokens)
        {
            foreach (var token in IssuedTokens)
            {
                Harness.Cognito.Secrets.Add(token, "managed-login token");
            }
        }

        lock (_codes)
        {
            foreach (var code in _codes.Keys.Concat(_spent))
            {
                Harness.Cognito.Secrets.Add(code, "authorization code");
            }
        }

        _browserHttp.Dispose();
        Harness.Dispose();
    }

    private async Task VisitAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await _browserHttp.GetAsync(url, cancellationToken);
        var page = await response.Content.ReadAsStringAsync(cancellationToken);
        lock (Pages)
        {
            Pages.Add((response.StatusCode, page));
        }
    }

    private HttpResponseMessage Answer(CapturedRequest request)
    {
        if (request.Method == HttpMethod.Get && request.Uri == Discovery)
        {
            return StubHttpMessageHandler.Json(HttpStatusCode.OK, $$"""
                {"issuer":"{{Issuer}}","authorization_endpoint":"{{AuthorizeEndpoint}}","token_endpoint":"{{TokenEndpoint}}","revocation_endpoint":"{{RevokeEndpoint}}"}
                """);
        }

        var form = Query(request.BodyText);
        if (request.Uri == RevokeEndpoint)
        {
            return RevokeRefusal is { } refusal
                ? StubHttpMessageHandler.Json(HttpStatusCode.BadRequest, $$"""{"error":"{{refusal}}"}""")
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        }

        if (request.Uri != TokenEndpoint)
        {
            return StubHttpMessageHandler.Json(HttpStatusCode.NotFound, "{}");
        }

        string nonce;
        switch (form.GetValueOrDefault("grant_type"))
        {
            case "authorization_code":
                (string Challenge, string Nonce, string RedirectUri) issued;
                lock (_codes)
                {
                    if (!_codes.Remove(form.GetValueOrDefault("code") ?? string.Empty, out issued))
                    {
                        return Error("invalid_grant");
                    }

                    _spent.Add(form["code"]);
                }

                var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(form.GetValueOrDefault("code_verifier") ?? string.Empty)))
                    .TrimEnd('=').Replace('+', '-').Replace('/', '_');
                if (challenge != issued.Challenge || form.GetValueOrDefault("redirect_uri") != issued.RedirectUri)
                {
                    return Error("invalid_grant");
                }

                nonce = NonceOf(issued.Nonce);
                return Tokens(nonce, refresh: true);
            case "refresh_token":
                return Tokens(nonce: null, refresh: Rotate);
            default:
                return Error("unsupported_grant_type");
        }
    }

    private HttpResponseMessage Tokens(string? nonce, bool refresh)
    {
        var serial = Interlocked.Increment(ref _serial);
        var access = TestJwt.Create(new() { ["sub"] = "person-sub", ["username"] = "person", ["token_use"] = "access", ["client_id"] = FakeCognito.ClientId, ["jti"] = $"a-{serial}" });
        var idClaims = new Dictionary<string, object> { ["sub"] = "person-sub", ["aud"] = FakeCognito.ClientId, ["iss"] = Issuer, ["token_use"] = "id", ["cognito:username"] = "person", ["jti"] = $"i-{serial}" };
        if (nonce is not null)
        {
            idClaims["nonce"] = nonce;
        }

        var id = TestJwt.Create(idClaims);
        var refreshToken = refresh ? $"refresh-token-{serial}-{Guid.NewGuid():N}" : null;
        lock (IssuedTokens)
        {
            IssuedTokens.AddRange(refreshToken is null ? [access, id] : [access, id, refreshToken]);
        }

        var refreshMember = refreshToken is null ? string.Empty : $$""","refresh_token":"{{refreshToken}}" """;
        return StubHttpMessageHandler.Json(HttpStatusCode.OK, $$"""{"access_token":"{{access}}","id_token":"{{id}}","token_type":"Bearer","expires_in":3600{{refreshMember}}}""");
    }

    private static HttpResponseMessage Error(string code) => StubHttpMessageHandler.Json(HttpStatusCode.BadRequest, $$"""{"error":"{{code}}"}""");
}

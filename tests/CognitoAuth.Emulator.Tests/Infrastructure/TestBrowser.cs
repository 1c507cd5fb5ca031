using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Web;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>
/// A browser for the in-process tests of the managed login, written apart from the emulator: it keeps cookies, follows the
/// emulator's own redirects but stops at any other host's (the app's redirect URI), and posts forms as a browser does from a
/// page of the emulator (with its <c>Origin</c>). The real browser (Chromium) drives the same pages in the browser tests.
/// </summary>
internal sealed partial class TestBrowser(CognitoEmulator emulator, CookieContainer? cookies = null) : IDisposable
{
    public const string Callback = "http://localhost:8400/callback";

    // A browser's cookies outlive an emulator restarted on the same port when the test hands the same container on.
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true })
    {
        BaseAddress = emulator.CognitoEndpoint,
    };

    /// <summary>Where the last answer took the browser when it left the emulator (the redirect URI with its query).</summary>
    public Uri? LeftTo { get; private set; }

    public string Origin => emulator.CognitoEndpoint.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// An authorize URL for the reference user client (or <paramref name="clientId"/>) with PKCE (S256 of
    /// <paramref name="verifier"/>), state and nonce.
    /// </summary>
    public string AuthorizeUrl(string verifier, string state = "st-123", string nonce = "n-456", string? scope = "openid email profile aws.cognito.signin.user.admin", string redirectUri = Callback, string? clientId = null) =>
        $"oauth2/authorize?response_type=code&client_id={clientId ?? emulator.ClientId}&redirect_uri={Uri.EscapeDataString(redirectUri)}&state={state}&nonce={nonce}"
        + (scope is null ? string.Empty : $"&scope={Uri.EscapeDataString(scope)}")
        + $"&code_challenge={Challenge(verifier)}&code_challenge_method=S256";

    public static string NewVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>Opens a URL and follows the emulator's redirects; returns the final answer (a page, or a redirect away).</summary>
    public async Task<Page> OpenAsync(string url) => await FollowAsync(await _http.GetAsync(url));

    /// <summary>Submits the page's one form with the given fields, from the page's origin.</summary>
    public async Task<Page> SubmitAsync(Page page, IReadOnlyDictionary<string, string> fields, string? origin = null)
    {
        var action = WebUtility.HtmlDecode(FormAction().Match(page.Html).Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation("Origin", origin ?? Origin);
        return await FollowAsync(await _http.SendAsync(request));
    }

    /// <summary>The code and state the redirect URI received, or fails.</summary>
    public (string Code, string? State) Received()
    {
        Assert.NotNull(LeftTo);
        var query = HttpUtility.ParseQueryString(LeftTo.Query);
        Assert.True(query["code"] is not null, $"no code in {LeftTo}");
        return (query["code"]!, query["state"]);
    }

    public void Dispose() => _http.Dispose();

    private async Task<Page> FollowAsync(HttpResponseMessage response)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            var current = response;
            using (current)
            {
                if (current.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.MovedPermanently))
                {
                    return new Page(current.StatusCode, await current.Content.ReadAsStringAsync(), current.RequestMessage!.RequestUri!);
                }

                var location = new Uri(emulator.CognitoEndpoint, current.Headers.Location!);
                if (location.GetLeftPart(UriPartial.Authority) != Origin)
                {
                    LeftTo = location;
                    return new Page(current.StatusCode, string.Empty, location);
                }

                LeftTo = null;
                response = await _http.GetAsync(location);
            }
        }

        throw new InvalidOperationException("More than 10 redirects.");
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\"")]
    private static partial Regex FormAction();
}

/// <summary>An answer the test browser ended on: its status, its HTML (empty for a redirect away), its address.</summary>
internal sealed partial record Page(HttpStatusCode Status, string Html, Uri Address)
{
    /// <summary>The names of the form's inputs (hidden ones included) and how many submit buttons it has.</summary>
    public (IReadOnlyList<string> Inputs, int SubmitButtons, int Forms) Form() =>
        ([.. InputName().Matches(Html).Select(m => m.Groups[1].Value)], SubmitButton().Count(Html), FormTag().Count(Html));

    /// <summary>The page's error message (the <c>role="alert"</c> element), or <see langword="null"/>.</summary>
    public string? Error => Alert().Match(Html) is { Success: true } match ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    public override string ToString() => $"Page {{ Status = {Status}, Address = {Address} }}";

    [GeneratedRegex("<input[^>]* name=\"([^\"]+)\"")]
    private static partial Regex InputName();

    [GeneratedRegex("<button type=\"submit\"")]
    private static partial Regex SubmitButton();

    [GeneratedRegex("<form ")]
    private static partial Regex FormTag();

    [GeneratedRegex("role=\"alert\"[^>]*>(.*?)</")]
    private static partial Regex Alert();
}

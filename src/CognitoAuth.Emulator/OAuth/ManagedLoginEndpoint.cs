using CognitoAuth.Emulator.Hosting;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.SignIn;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.OAuth;

/// <summary>
/// The managed login in the browser, at the pool domain's paths on the Cognito endpoint (one for all pools: the pool is
/// found from <c>client_id</c>, as at the token endpoint): <c>GET /oauth2/authorize</c> (a browser already signed in to the
/// pool gets its code at once; others go to <c>/login</c> with the same query), <c>GET /login</c> (the sign-in page),
/// <c>POST /login</c> (the password, then the new-password page for a temporary password and the TOTP page when the user's
/// MFA asks for a code, errors shown on the page), then <c>302</c> to the redirect URI with <c>code</c> and <c>state</c>;
/// <c>GET /logout</c> (<c>client_id</c> + <c>logout_uri</c> among the client's sign-out URLs, or <c>redirect_uri</c> +
/// <c>response_type</c> to sign in again) ends the browser's session; <c>GET /error</c> is the error page. Posts must come
/// from the emulator's own pages (<see cref="SameOriginGuard"/>).
/// <para>
/// It is an adapter over the <see cref="SignInEngine"/>, as the JSON API is: the engine decides every step; this shows its
/// refusal on the page, its challenge as the next page (the challenge session named by the <c>cognito-login</c> cookie), and
/// a sign-in as the code. What is the managed login's own is the browser's session, the codes and the pages.
/// </para>
/// </summary>
internal sealed class ManagedLoginEndpoint(PoolDirectory directory, SignInEngine engine, Action? commit)
{
    public const string AuthorizePath = "/oauth2/authorize";
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public const string ErrorPath = "/error";

    /// <summary>The managed login's session cookie (Cognito's is named <c>cognito</c> too).</summary>
    public const string SessionCookie = "cognito";

    /// <summary>The cookie that holds the challenge session of a sign-in waiting on the new-password or TOTP page.</summary>
    public const string PendingCookie = "cognito-login";

    /// <summary>The challenges the managed login has a page for: the page, and the form field and answer value it carries.</summary>
    private static readonly Dictionary<string, (Func<string, string, string?, HtmlPage> Page, string Field, string Response)> Pages = new(StringComparer.Ordinal)
    {
        [ChallengeNames.NewPasswordRequired] = (LoginPages.NewPassword, "new_password", "NEW_PASSWORD"),
        [ChallengeNames.SoftwareTokenMfa] = (LoginPages.SoftwareToken, "code", "SOFTWARE_TOKEN_MFA_CODE"),
    };

    private ManagedLoginState State => directory.ManagedLogin;

    public static bool Serves(string path) => path is AuthorizePath or LoginPath or LogoutPath or ErrorPath;

    public async Task HandleAsync(HttpContext context, string path)
    {
        var request = context.Request;
        if (path == ErrorPath)
        {
            var error = request.Query["error"].ToString();
            await LoginPages.Error(error.Length == 0 ? "invalid_request" : error, null).WriteAsync(context, StatusCodes.Status400BadRequest);
            return;
        }

        var post = HttpMethods.IsPost(request.Method);
        if (!HttpMethods.IsGet(request.Method) && !(post && path == LoginPath))
        {
            context.Response.Headers.Allow = path == LoginPath ? "GET, POST" : "GET";
            await LoginPages.Error("invalid_request", $"{path} takes GET requests.").WriteAsync(context, StatusCodes.Status405MethodNotAllowed);
            return;
        }

        if (post && !SameOriginGuard.Allows(request))
        {
            await LoginPages.Error("invalid_request", "The form was not posted from the emulator's own page.").WriteAsync(context, StatusCodes.Status403Forbidden);
            return;
        }

        IFormCollection? form = null;
        if (post)
        {
            if (!request.HasFormContentType)
            {
                await LoginPages.Error("invalid_request", "The form must be application/x-www-form-urlencoded.").WriteAsync(context, StatusCodes.Status400BadRequest);
                return;
            }

            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                await LoginPages.Error("invalid_request", "The form is malformed or too large.").WriteAsync(context, StatusCodes.Status400BadRequest);
                return;
            }
        }

        var before = Version();
        var result = path switch
        {
            LogoutPath => Locked(() => Logout(request)),
            _ when form is not null => await PostAsync(request, form, context.RequestAborted),
            _ => Locked(() => Show(request, path == AuthorizePath)),
        };

        if (commit is not null && Version() != before)
        {
            commit();
        }

        await WriteAsync(context, result);
    }

    private long Version()
    {
        lock (directory.Gate)
        {
            return directory.Version;
        }
    }

    private T Locked<T>(Func<T> step)
    {
        lock (directory.Gate)
        {
            return step();
        }
    }

    /// <summary>GET /oauth2/authorize and GET /login: the code at once for a signed-in browser, else the sign-in page.</summary>
    private Result Show(HttpRequest request, bool authorize)
    {
        var (parsed, early) = Parse(request);
        if (parsed is null)
        {
            return early!;
        }

        var now = parsed.Pool.Now;
        if (State.FindBrowserSession(request.Cookies[SessionCookie], now) is { } session && session.PoolId == parsed.Pool.Id
            && parsed.Pool.FindUser(session.Username) is { Enabled: true, Status: UserStatus.Confirmed } user)
        {
            return Complete(parsed, user, session.AuthTime, request.Cookies[SessionCookie]);
        }

        return authorize
            ? new Result { Location = LoginPath + parsed.ToQueryString() }
            : new Result { Page = LoginPages.SignIn(PoolName(parsed.Pool), parsed.ToQueryString(), null, null) };
    }

    /// <summary>POST /login: the password starts a sign-in; the new password or the TOTP code answers its open challenge.</summary>
    private async Task<Result> PostAsync(HttpRequest request, IFormCollection form, CancellationToken cancellationToken)
    {
        var (parsed, early) = Locked(() => Parse(request));
        if (parsed is null)
        {
            return early!;
        }

        var (pool, client) = (parsed.Pool, parsed.Client);
        var pendingId = request.Cookies[PendingCookie];
        if (form.ContainsKey("password"))
        {
            // A new sign-in: the one the browser had in progress ends.
            engine.Abandon(pool, pendingId);
            var username = form["username"].ToString().Trim();
            var started = await engine.PasswordAsync(pool, client, username, form["password"].ToString(), secretHash: null, deviceKey: null, SignInChannel.ManagedLogin, cancellationToken);
            return Present(parsed, started, username, answered: null);
        }

        if (engine.FindChallenge(pool, client, pendingId) is not { } open)
        {
            return new Result { Page = LoginPages.SignIn(PoolName(pool), parsed.ToQueryString(), "Your session has expired. Please sign in again.", null), ClearPending = true };
        }

        if (!Pages.TryGetValue(open.Name, out var page) || !form.ContainsKey(page.Field))
        {
            return new Result { Page = PageOf(parsed, open.Name, "Fill in the form on this page.") };
        }

        var responses = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["USERNAME"] = open.Username,
            [page.Response] = page.Field == "code" ? form[page.Field].ToString().Trim() : form[page.Field].ToString(),
        };
        var answered = await engine.AnswerAsync(pool, client, open.Name, pendingId, responses, SignInChannel.ManagedLogin, clientMetadata: null, cancellationToken);
        return Present(parsed, answered, username: null, answered: pendingId);
    }

    /// <summary>
    /// The engine's result as a page: a refusal on the page of the challenge still open (a wrong code, a weak password), else
    /// on the sign-in page; a challenge as its page; a sign-in as the code.
    /// </summary>
    private Result Present(AuthorizationRequest parsed, SignInResult result, string? username, string? answered)
    {
        var (pool, client) = (parsed.Pool, parsed.Client);
        switch (result)
        {
            case SignInResult.Refused refused:
                return answered is not null && engine.FindChallenge(pool, client, answered) is { } stillOpen
                    ? new Result { Page = PageOf(parsed, stillOpen.Name, refused.Error.Message) }
                    : new Result { Page = LoginPages.SignIn(PoolName(pool), parsed.ToQueryString(), refused.Error.Message, username), ClearPending = true };

            case SignInResult.Challenged challenge when Pages.ContainsKey(challenge.Name):
                return new Result { Page = PageOf(parsed, challenge.Name, null), SetPending = challenge.Session };

            case SignInResult.Challenged challenge:
                engine.Abandon(pool, challenge.Session);
                return new Result
                {
                    Page = LoginPages.SignIn(PoolName(pool), parsed.ToQueryString(),
                        "MFA setup is required, which the emulator's managed login does not offer: enrol a software token through the API (AssociateSoftwareToken) first.", null),
                    ClearPending = true,
                };

            default:
                var authenticated = (SignInResult.Authenticated)result;
                return Locked(() => Complete(parsed, authenticated.User, authenticated.SignIn.AuthTime, null)) with { ClearPending = true };
        }
    }

    private static HtmlPage PageOf(AuthorizationRequest parsed, string challengeName, string? error) =>
        Pages[challengeName].Page(PoolName(parsed.Pool), parsed.ToQueryString(), error);

    /// <summary>The authorize request of the query, or what to answer instead (the error page, or the error redirect).</summary>
    private (AuthorizationRequest? Parsed, Result? Early) Parse(HttpRequest request)
    {
        var (parsed, pageError) = AuthorizationRequest.Parse(directory, request.Query);
        if (parsed is null)
        {
            return (null, ErrorPage(pageError!, request.Query["client_id"].ToString()));
        }

        return parsed.RedirectError is not null ? (null, new Result { Location = parsed.ErrorRedirect() }) : (parsed, null);
    }

    /// <summary>The sign-in is complete: a code for the redirect URI, and the browser's session (a new one unless it had one).</summary>
    private Result Complete(AuthorizationRequest parsed, PoolUser user, DateTimeOffset authTime, string? existingSession)
    {
        var pool = parsed.Pool;
        var now = pool.Now;
        var code = State.IssueCode(new AuthorizationCode
        {
            PoolId = pool.Id,
            ClientId = parsed.Client.ClientId,
            RedirectUri = parsed.RedirectUri,
            Scopes = parsed.Scopes,
            Nonce = parsed.Nonce,
            CodeChallenge = parsed.CodeChallenge,
            Username = user.Username,
            AuthTime = authTime,
            ExpiresAt = now + ManagedLoginState.CodeLifetime,
        }, now);
        var session = existingSession ?? State.StartBrowserSession(new BrowserSession(pool.Id, user.Username, authTime, now + ManagedLoginState.BrowserSessionLifetime), now);
        return new Result
        {
            Location = AuthorizationRequest.AppendQuery(parsed.RedirectUri, ("code", code), ("state", parsed.State)),
            SetSession = existingSession is null ? session : null,
        };
    }

    /// <summary>
    /// GET /logout (AWS developer guide, "The managed login sign-out endpoint"): <c>client_id</c> and <c>logout_uri</c>, one of
    /// the client's sign-out URLs exactly, end the session and redirect there; <c>redirect_uri</c> with <c>response_type</c>
    /// (and the rest of an authorize request) ends it and goes to the sign-in page instead. Anything else is the error page.
    /// </summary>
    private Result Logout(HttpRequest request)
    {
        var clientId = request.Query["client_id"].ToString();
        var pool = clientId.Length == 0 ? null : directory.FindPoolOfClient(clientId);
        var client = pool?.FindClient(clientId);
        if (pool is null || client is null || pool.Domain is null)
        {
            return ErrorPage("invalid_request", clientId);
        }

        var logoutUri = request.Query["logout_uri"].ToString();
        string location;
        if (logoutUri.Length > 0)
        {
            if (!client.LogoutUrls.Contains(logoutUri, StringComparer.Ordinal))
            {
                return ErrorPage("redirect_mismatch", clientId);
            }

            location = logoutUri;
        }
        else
        {
            var (parsed, pageError) = AuthorizationRequest.Parse(directory, request.Query);
            if (parsed is null)
            {
                return ErrorPage(pageError!, clientId);
            }

            location = parsed.RedirectError is null ? LoginPath + parsed.ToQueryString() : parsed.ErrorRedirect();
        }

        State.EndBrowserSession(request.Cookies[SessionCookie]);
        pool.EndSession(request.Cookies[PendingCookie]);
        return new Result { Location = location, ClearSession = true, ClearPending = true };
    }

    private static Result ErrorPage(string error, string clientId) =>
        new() { Location = AuthorizationRequest.AppendQuery(ErrorPath, ("error", error), ("client_id", clientId.Length == 0 ? null : clientId)) };

    private static string PoolName(UserPool pool) => pool.Config.Name ?? pool.Id;

    private async Task WriteAsync(HttpContext context, Result result)
    {
        var cookies = context.Response.Cookies;
        var options = new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/", IsEssential = true };
        if (result.SetSession is { } session)
        {
            cookies.Append(SessionCookie, session, new CookieOptions(options) { MaxAge = ManagedLoginState.BrowserSessionLifetime });
        }
        else if (result.ClearSession)
        {
            cookies.Delete(SessionCookie, options);
        }

        if (result.SetPending is { } pending)
        {
            cookies.Append(PendingCookie, pending, new CookieOptions(options) { MaxAge = directory.SessionValidity });
        }
        else if (result.ClearPending)
        {
            cookies.Delete(PendingCookie, options);
        }

        if (result.Location is { } location)
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = location;
            return;
        }

        await result.Page!.WriteAsync(context);
    }

    /// <summary>What a request comes to: a redirect or a page, and the cookies to set or clear.</summary>
    private sealed record Result
    {
        public string? Location { get; init; }

        public HtmlPage? Page { get; init; }

        public string? SetSession { get; init; }

        public bool ClearSession { get; init; }

        public string? SetPending { get; init; }

        public bool ClearPending { get; init; }

        public override string ToString() => $"Result {{ Location = {(Location is null ? "-" : "set")}, Page = {Page is not null} }}";
    }
}

using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Hosting;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Totp;
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
/// </summary>
internal sealed class ManagedLoginEndpoint(PoolDirectory directory, Action? commit)
{
    public const string AuthorizePath = "/oauth2/authorize";
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public const string ErrorPath = "/error";

    /// <summary>The managed login's session cookie (Cognito's is named <c>cognito</c> too).</summary>
    public const string SessionCookie = "cognito";

    /// <summary>The cookie that names a sign-in waiting on the new-password or TOTP page.</summary>
    public const string PendingCookie = "cognito-login";

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

        Result result;
        lock (directory.Gate)
        {
            var before = directory.Version;
            result = path switch
            {
                LogoutPath => Logout(request),
                _ when form is not null => Post(request, form),
                _ => Show(request, path == AuthorizePath),
            };
            result = result with { Changed = directory.Version != before };
        }

        if (result.Changed)
        {
            commit?.Invoke();
        }

        await WriteAsync(context, result);
    }

    /// <summary>GET /oauth2/authorize and GET /login: the code at once for a signed-in browser, else the sign-in page.</summary>
    private Result Show(HttpRequest request, bool authorize)
    {
        var (parsed, pageError) = AuthorizationRequest.Parse(directory, request.Query);
        if (parsed is null)
        {
            return ErrorPage(pageError!, request.Query["client_id"].ToString());
        }

        if (parsed.RedirectError is not null)
        {
            return new Result { Location = parsed.ErrorRedirect() };
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

    /// <summary>POST /login: the password, the new password, or the TOTP code, by the field the form carried.</summary>
    private Result Post(HttpRequest request, IFormCollection form)
    {
        var (parsed, pageError) = AuthorizationRequest.Parse(directory, request.Query);
        if (parsed is null)
        {
            return ErrorPage(pageError!, request.Query["client_id"].ToString());
        }

        if (parsed.RedirectError is not null)
        {
            return new Result { Location = parsed.ErrorRedirect() };
        }

        var pool = parsed.Pool;
        var query = parsed.ToQueryString();
        if (form.ContainsKey("password"))
        {
            return Password(parsed, form["username"].ToString().Trim(), form["password"].ToString(), request.Cookies[PendingCookie]);
        }

        var pendingId = request.Cookies[PendingCookie];
        var pending = State.FindPending(pendingId, pool.Now);
        var user = pending is null ? null : pool.FindUser(pending.Username);
        if (pending is null || user is null || pending.PoolId != pool.Id || pending.ClientId != parsed.Client.ClientId)
        {
            return new Result { Page = LoginPages.SignIn(PoolName(pool), query, "Your session has expired. Please sign in again.", null), ClearPending = true };
        }

        if (!user.Enabled)
        {
            State.EndPending(pendingId);
            return new Result { Page = LoginPages.SignIn(PoolName(pool), query, CognitoErrors.UserDisabled().Message, null), ClearPending = true };
        }

        if (pending.Step == PendingStep.NewPassword && form.ContainsKey("new_password"))
        {
            return NewPassword(parsed, user, form["new_password"].ToString(), pendingId!);
        }

        if (pending.Step == PendingStep.SoftwareToken && form.ContainsKey("code"))
        {
            return SoftwareTokenCode(parsed, user, form["code"].ToString().Trim(), pendingId!);
        }

        return new Result { Page = PageOf(parsed, pending.Step, "Fill in the form on this page.") };
    }

    private Result Password(AuthorizationRequest parsed, string username, string password, string? previousPending)
    {
        var pool = parsed.Pool;
        var query = parsed.ToQueryString();
        State.EndPending(previousPending);
        Result Refuse(string message) => new() { Page = LoginPages.SignIn(PoolName(pool), query, message, username), ClearPending = true };

        var user = username.Length == 0 ? null : pool.FindUser(username);
        if (user is null)
        {
            return Refuse(parsed.Client.PreventUserExistenceErrors ? CognitoErrors.IncorrectUsernameOrPassword().Message : CognitoErrors.UserDoesNotExist().Message);
        }

        if (!user.Enabled)
        {
            return Refuse(CognitoErrors.UserDisabled().Message);
        }

        if (user.Status == UserStatus.ResetRequired)
        {
            return Refuse(CognitoErrors.PasswordResetRequired().Message);
        }

        // As every password flow: the pool keeps the SRP verifier, so the password is checked by making it again.
        if (user.Password is null || !user.Password.Matches(password))
        {
            return Refuse(CognitoErrors.IncorrectUsernameOrPassword().Message);
        }

        if (user.Status == UserStatus.Unconfirmed)
        {
            return Refuse(CognitoErrors.UserNotConfirmed().Message);
        }

        if (user.Status == UserStatus.ForceChangePassword)
        {
            return pool.TemporaryPasswordExpired(user)
                ? Refuse(CognitoErrors.TemporaryPasswordExpired().Message)
                : Next(parsed, user, PendingStep.NewPassword);
        }

        return SecondFactor(parsed, user);
    }

    private Result NewPassword(AuthorizationRequest parsed, PoolUser user, string newPassword, string pendingId)
    {
        var pool = parsed.Pool;
        try
        {
            pool.EnsurePasswordConforms(newPassword);
        }
        catch (CognitoServiceException error)
        {
            return new Result { Page = LoginPages.NewPassword(PoolName(pool), parsed.ToQueryString(), error.Message) };
        }

        State.EndPending(pendingId);
        pool.SetPassword(user, newPassword, permanent: true);
        return SecondFactor(parsed, user) with { ClearPending = true };
    }

    private Result SoftwareTokenCode(AuthorizationRequest parsed, PoolUser user, string code, string pendingId)
    {
        var pool = parsed.Pool;
        if (user.SoftwareToken is not { } token)
        {
            State.EndPending(pendingId);
            return new Result { Page = LoginPages.SignIn(PoolName(pool), parsed.ToQueryString(), CognitoErrors.SoftwareTokenNotFoundForUser().Message, null), ClearPending = true };
        }

        // The same rules as the SOFTWARE_TOKEN_MFA challenge: a step either side, and a step's code taken once.
        var check = token.Token.Verify(code, pool.Now, user.LastTotpStep);
        switch (check.Result)
        {
            case TotpResult.Mismatch:
                return new Result { Page = LoginPages.SoftwareToken(PoolName(pool), parsed.ToQueryString(), CognitoErrors.TotpCodeMismatch().Message) };
            case TotpResult.Reused:
                return new Result { Page = LoginPages.SoftwareToken(PoolName(pool), parsed.ToQueryString(), CognitoErrors.TotpCodeReused().Message) };
        }

        pool.AcceptTotpStep(user, check.Step);
        State.EndPending(pendingId);
        return Complete(parsed, user, pool.Now, null) with { ClearPending = true };
    }

    /// <summary>After the password (and a new one, if asked for): the TOTP page when the user's MFA asks for a code, else the code.</summary>
    private Result SecondFactor(AuthorizationRequest parsed, PoolUser user)
    {
        var pool = parsed.Pool;
        if (pool.AsksForSoftwareToken(user))
        {
            return Next(parsed, user, PendingStep.SoftwareToken);
        }

        if (pool.RequiresMfaSetup(user))
        {
            return new Result
            {
                Page = LoginPages.SignIn(PoolName(pool), parsed.ToQueryString(),
                    "MFA setup is required, which the emulator's managed login does not offer: enrol a software token through the API (AssociateSoftwareToken) first.", null),
                ClearPending = true,
            };
        }

        return Complete(parsed, user, pool.Now, null);
    }

    private Result Next(AuthorizationRequest parsed, PoolUser user, PendingStep step)
    {
        var pool = parsed.Pool;
        var id = State.StartPending(new PendingLogin(pool.Id, parsed.Client.ClientId, user.Username, step, pool.Now + ManagedLoginState.PendingLifetime), pool.Now);
        return new Result { Page = PageOf(parsed, step, null), SetPending = id };
    }

    private static HtmlPage PageOf(AuthorizationRequest parsed, PendingStep step, string? error) => step == PendingStep.NewPassword
        ? LoginPages.NewPassword(PoolName(parsed.Pool), parsed.ToQueryString(), error)
        : LoginPages.SoftwareToken(PoolName(parsed.Pool), parsed.ToQueryString(), error);

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
        State.EndPending(request.Cookies[PendingCookie]);
        return new Result { Location = location, ClearSession = true, ClearPending = true };
    }

    private static Result ErrorPage(string error, string clientId) =>
        new() { Location = AuthorizationRequest.AppendQuery(ErrorPath, ("error", error), ("client_id", clientId.Length == 0 ? null : clientId)) };

    private static string PoolName(UserPool pool) => pool.Config.Name ?? pool.Id;

    private static async Task WriteAsync(HttpContext context, Result result)
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
            cookies.Append(PendingCookie, pending, new CookieOptions(options) { MaxAge = ManagedLoginState.PendingLifetime });
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

        public bool Changed { get; init; }

        public override string ToString() => $"Result {{ Location = {(Location is null ? "-" : "set")}, Page = {Page is not null} }}";
    }
}

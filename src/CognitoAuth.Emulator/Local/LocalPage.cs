using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CognitoAuth.Emulator.Hosting;
using CognitoAuth.Emulator.Pool;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Local;

/// <summary>
/// The emulator's own web page, <c>GET {CognitoEndpoint}_local/</c>: server-rendered HTML, no script, nothing from the
/// internet. It shows the pools with their app clients and users (status, enabled, groups, MFA), the latest requests to both
/// endpoints with their outcome, the latest tokens signed (header and claims decoded; never a signature), and the inbox (who
/// got what, when; the codes themselves only in the inbox's JSON, <c>_local/inbox</c>); with forms for a few actions
/// (<see cref="LocalActions"/>). No password, secret, refresh token, session, TOTP secret or signature is ever on it.
/// </summary>
internal sealed class LocalPage(PoolDirectory directory, RequestLog requests, Uri apiUrl, LocalActions actions)
{
    /// <summary>Every path under it belongs to the local page (the inbox's JSON included).</summary>
    public const string PathPrefix = "/_local/";

    // Relaxed escaping ("+" stays "+" in a kid): the JSON is HTML-encoded where it goes on the page.
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool Serves(string path) => path == PathPrefix || path.StartsWith(LocalActions.PathPrefix, StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context, string path)
    {
        if (path.StartsWith(LocalActions.PathPrefix, StringComparison.Ordinal))
        {
            await actions.HandleAsync(context, path);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET";
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        await Render(context.Request.Query["done"].ToString(), context.Request.Query["failed"].ToString()).WriteAsync(context);
    }

    private HtmlPage Render(string done, string failed)
    {
        var page = new HtmlPage("CognitoAuth emulator", "CognitoAuth emulator — local Cognito and HTTP API");
        var endpoint = directory.Issuers.Endpoint + "/";
        page.Raw("<div class=\"card\"><p>Cognito endpoint <code>").Text(endpoint).Raw("</code> · API <code>").Text(apiUrl.ToString())
            .Raw("</code> · token endpoint <code>").Text(endpoint + "oauth2/token").Raw("</code> · managed login <code>").Text(endpoint + "oauth2/authorize")
            .Raw("</code> · inbox JSON <a href=\"/_local/inbox\"><code>_local/inbox</code></a></p>");
        if (done.Length > 0)
        {
            page.Raw("<p class=\"notice\" role=\"status\">").Text(done).Raw("</p>");
        }

        if (failed.Length > 0)
        {
            page.Raw("<p class=\"error\" role=\"alert\">").Text(failed).Raw("</p>");
        }

        page.Raw("</div>");
        lock (directory.Gate)
        {
            page.Raw($"<div class=\"card\" id=\"pools\"><h2>User pools ({directory.Pools.Count})</h2>");
            foreach (var pool in directory.Pools)
            {
                Pool(page, pool);
            }

            page.Raw($"<p class=\"muted\">Browsers signed in to a managed login: {directory.ManagedLogin.BrowserSessionCount}</p></div>");
        }

        Requests(page);
        Tokens(page);
        Inbox(page);
        return page;
    }

    private static void Pool(HtmlPage page, UserPool pool)
    {
        page.Raw("<details open class=\"pool\"><summary><strong>").Text(pool.Config.Name ?? pool.Id).Raw("</strong> <code>").Text(pool.Id)
            .Raw("</code> · MFA ").Text(pool.MfaConfiguration).Raw(" · domain ").Text(pool.Domain ?? "none")
            .Raw($" · {pool.UserCount} users</summary>");

        page.Raw("<h2>App clients</h2><table><tr><th>name</th><th>client id</th><th>secret</th><th>auth flows</th><th>OAuth flows and scopes</th><th>callback / sign-out URLs</th></tr>");
        foreach (var client in pool.Clients)
        {
            page.Raw("<tr><td>").Text(client.Name).Raw("</td><td><code>").Text(client.ClientId).Raw("</code></td><td>")
                .Text(client.ClientSecret is null ? "none" : "yes (not shown)").Raw("</td><td>").Text(string.Join(' ', client.ExplicitAuthFlows.Order(StringComparer.Ordinal)))
                .Raw("</td><td>").Text(string.Join(' ', client.AllowedOAuthFlows)).Raw("<br><span class=\"muted\">").Text(string.Join(' ', client.AllowedOAuthScopes))
                .Raw("</span></td><td>").Text(string.Join(' ', client.CallbackUrls)).Raw("<br><span class=\"muted\">").Text(string.Join(' ', client.LogoutUrls)).Raw("</span></td></tr>");
        }

        page.Raw("</table><h2>Users</h2><table class=\"users\"><tr><th>username</th><th>email</th><th>status</th><th>enabled</th><th>groups</th><th>MFA</th><th>actions</th></tr>");
        foreach (var user in pool.UsersInOrder.Take(200))
        {
            page.Raw("<tr data-user=\"").Text(user.Email ?? user.Username).Raw("\"><td><code>").Text(user.Username).Raw("</code></td><td>").Text(user.Email)
                .Raw("</td><td class=\"status\">").Text(user.Status).Raw("</td><td>").Raw(user.Enabled ? "<span class=\"ok\">yes</span>" : "<span class=\"bad\">disabled</span>")
                .Raw("</td><td>").Text(string.Join(", ", pool.GroupsOf(user))).Raw("</td><td class=\"mfa\">").Text(Mfa(user)).Raw("</td><td>");
            Action(page, "reset-password", "Reset password", pool, user);
            Action(page, user.Enabled ? "disable" : "enable", user.Enabled ? "Disable" : "Enable", pool, user);
            Action(page, "sign-out", "Sign out", pool, user);
            page.Raw("</td></tr>");
        }

        page.Raw("</table>");
        if (pool.UserCount > 200)
        {
            page.Raw($"<p class=\"muted\">The first 200 of {pool.UserCount} users.</p>");
        }

        page.Raw("<form method=\"post\" action=\"/_local/actions/create-user\" class=\"create\"><input type=\"hidden\" name=\"pool\" value=\"").Text(pool.Id)
            .Raw("\"><label>New user (email or username) <input name=\"username\" required></label><label>Temporary password (empty: generated and sent to the inbox) <input name=\"temporary_password\" type=\"password\" autocomplete=\"new-password\"></label><button type=\"submit\">Create user</button></form></details>");
    }

    private static void Action(HtmlPage page, string action, string label, UserPool pool, PoolUser user) =>
        page.Raw($"<form method=\"post\" action=\"/_local/actions/{action}\" class=\"inline\"><input type=\"hidden\" name=\"pool\" value=\"").Text(pool.Id)
            .Raw("\"><input type=\"hidden\" name=\"username\" value=\"").Text(user.Username).Raw("\"><button type=\"submit\">").Text(label).Raw("</button></form>");

    private static string Mfa(PoolUser user) => user.SoftwareToken is { } token
        ? $"TOTP{(token.Enabled ? ", enabled" : ", verified")}{(token.Preferred ? ", preferred" : string.Empty)}{(token.DeviceName is { } device ? $" ({device})" : string.Empty)}"
        : "none";

    private void Requests(HtmlPage page)
    {
        var latest = requests.Latest();
        page.Raw($"<div class=\"card\" id=\"requests\"><h2>Recent requests ({latest.Count}, newest first)</h2><table><tr><th>time (UTC)</th><th>endpoint</th><th>request</th><th>status</th><th>outcome</th></tr>");
        foreach (var entry in latest)
        {
            page.Raw("<tr><td>").Text(entry.At.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Raw("</td><td>").Text(entry.Endpoint).Raw("</td><td><code>")
                .Text(entry.Name).Raw($"</code></td><td class=\"{(entry.Status < 400 ? "ok" : "bad")}\">{entry.Status}</td><td>").Text(entry.Outcome ?? (entry.Status < 400 ? "ok" : string.Empty)).Raw("</td></tr>");
            foreach (var run in entry.Triggers)
            {
                // One row per trigger run, under its request: the trigger, its function and where it ran, how it ended, how long.
                page.Raw("<tr class=\"trigger\"><td></td><td>trigger</td><td><code>").Text(run.Trigger).Raw("</code> → <code>").Text(run.FunctionName).Raw("</code>")
                    .Text(run.Source is null ? string.Empty : $" ({run.Source})").Raw($"</td><td class=\"{(run.Succeeded ? "ok" : "bad")}\">")
                    .Text(run.ElapsedMs.ToString("0.#", CultureInfo.InvariantCulture)).Raw(" ms</td><td>").Text(run.OutcomeText)
                    .Text(run.ErrorCode is null ? string.Empty : $" ({run.ErrorCode})").Raw("</td></tr>");
            }
        }

        page.Raw("</table></div>");
    }

    private void Tokens(HtmlPage page)
    {
        var latest = directory.IssuedTokens.Latest();
        page.Raw($"<div class=\"card\" id=\"tokens\"><h2>Issued tokens ({latest.Count}, newest first; signatures not shown)</h2>");
        var first = true;
        foreach (var token in latest)
        {
            var claims = JsonDocument.Parse(token.Claims).RootElement;
            var use = claims.TryGetProperty("token_use", out var value) ? value.GetString() : "?";
            var who = claims.TryGetProperty("cognito:username", out value) || claims.TryGetProperty("username", out value) || claims.TryGetProperty("client_id", out value) ? value.GetString() : null;
            page.Raw(first ? "<details class=\"token\" open><summary>" : "<details class=\"token\"><summary>").Text(token.IssuedAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Raw(" · <strong>").Text(use)
                .Raw("</strong> token · ").Text(who).Raw(" · <code>").Text(token.PoolId).Raw("</code></summary><pre>")
                .Text(JsonSerializer.Serialize(JsonDocument.Parse(token.Header).RootElement, Pretty)).Raw("</pre><pre>").Text(JsonSerializer.Serialize(claims, Pretty)).Raw("</pre></details>");
            first = false;
        }

        page.Raw("</div>");
    }

    private void Inbox(HtmlPage page)
    {
        var messages = directory.Inbox.Messages;
        page.Raw($"<div class=\"card\" id=\"inbox\"><h2>Inbox ({messages.Count})</h2><p class=\"muted\">What Cognito would have e-mailed or texted. The codes and passwords are in <a href=\"/_local/inbox\"><code>_local/inbox</code></a>, not on this page.</p><table><tr><th>sent (UTC)</th><th>to</th><th>kind</th><th>subject</th><th>pool</th></tr>");
        foreach (var message in messages.Reverse())
        {
            page.Raw("<tr><td>").Text(message.SentAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Raw("</td><td>").Text(message.Destination).Raw("</td><td>")
                .Text(message.Kind.ToString()).Raw("</td><td>").Text(message.Subject).Raw("</td><td><code>").Text(message.UserPoolId).Raw("</code></td></tr>");
        }

        page.Raw("</table></div>");
    }

    public override string ToString() => "LocalPage";
}

using System.Text.Json;
using CognitoAuth.Emulator.Local;
using CognitoAuth.Emulator.Pool;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.OAuth;

/// <summary>
/// <c>GET</c> (or <c>POST</c>) <c>{CognitoEndpoint}oauth2/userInfo</c> with <c>Authorization: Bearer &lt;access token&gt;</c>
/// (AWS developer guide, "The userInfo endpoint"): the pool is found from the token's issuer; the token is checked as
/// Cognito's own operations check one (signature, issuer, <c>token_use</c>, expiry, a revoked sign-in, the user still
/// there) and must carry <c>openid</c>. The answer is the user's attributes as JSON strings (<c>"email_verified": "true"</c>,
/// as Cognito's userInfo answers), <c>sub</c> first and <c>username</c> last: all of them with <c>openid</c> alone or with
/// <c>profile</c>, else those of the scopes asked (<c>email</c>: <c>email</c>, <c>email_verified</c>; <c>phone</c>:
/// <c>phone_number</c>, <c>phone_number_verified</c>). No or a malformed bearer header is <c>400</c>
/// <c>WWW-Authenticate: error="invalid_request"</c>, a bad token <c>401 error="invalid_token"</c> (both with AWS's
/// descriptions); a valid token without <c>openid</c> is <c>403 error="insufficient_scope"</c> (RFC 6750 §3.1: AWS does not
/// document this case).
/// </summary>
internal sealed class UserInfoEndpoint(PoolDirectory directory)
{
    public const string Path = "/oauth2/userInfo";

    private static readonly string[] EmailClaims = ["email", "email_verified"];
    private static readonly string[] PhoneClaims = ["phone_number", "phone_number_verified"];

    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsPost(context.Request.Method))
        {
            response.Headers.Allow = "GET, POST";
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization[7..].Trim().Length == 0)
        {
            Refuse(context, StatusCodes.Status400BadRequest, "invalid_request", "Bad OAuth2 request at UserInfo Endpoint");
            return;
        }

        List<KeyValuePair<string, string>> claims;
        lock (directory.Gate)
        {
            var refusal = AccessTokenCheck.Check(directory, authorization[7..].Trim(), "openid", out _, out var user, out var scopes);
            if (refusal == PoolErrors.AccessTokenLacksScope)
            {
                Refuse(context, StatusCodes.Status403Forbidden, "insufficient_scope", "The access token does not have the openid scope.");
                return;
            }

            if (refusal is not null)
            {
                Refuse(context, StatusCodes.Status401Unauthorized, "invalid_token", "Access token is expired, disabled, or deleted, or the user has globally signed out.");
                return;
            }

            var everything = scopes.Contains("profile", StringComparer.Ordinal) || !scopes.Any(s => s is "email" or "phone");
            claims = [.. user.Attributes.Where(a => a.Key == "sub" || everything
                || (scopes.Contains("email", StringComparer.Ordinal) && EmailClaims.Contains(a.Key, StringComparer.Ordinal))
                || (scopes.Contains("phone", StringComparer.Ordinal) && PhoneClaims.Contains(a.Key, StringComparer.Ordinal)))];
            claims.Add(new("username", user.Username));
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json;charset=UTF-8";
        await using var writer = new Utf8JsonWriter(response.Body, WireJson.Compact);
        writer.WriteStartObject();
        foreach (var (name, value) in claims)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }

    private static void Refuse(HttpContext context, int status, string error, string description)
    {
        RequestOutcome.Set(context, error);
        context.Response.StatusCode = status;
        context.Response.Headers.WWWAuthenticate = $"error=\"{error}\", error_description=\"{description}\"";
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.OAuth;

/// <summary>
/// The pool domain's OAuth 2.0 token endpoint, <c>POST {CognitoEndpoint}oauth2/token</c> (one for all pools: the pool is
/// found from the client id), serving the client-credentials grant as Cognito's developer guide ("Token endpoint")
/// describes it: a form-encoded body, client authentication <c>client_secret_basic</c> (<c>Authorization: Basic
/// base64(id:secret)</c>) or <c>client_secret_post</c> (<c>client_id</c> and <c>client_secret</c> in the body), an optional
/// <c>scope</c> (every custom scope the client is allowed when absent), and errors as <c>400 {"error": "…"}</c> with the
/// guide's codes. The token is signed with the pool's key and carries a machine access token's claims.
/// </summary>
internal sealed class TokenEndpoint(PoolDirectory directory, ILogger logger)
{
    public const string Path = "/oauth2/token";

    public async Task HandleAsync(HttpContext context, string requestId)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            response.Headers.Allow = "POST";
            await WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "invalid_request", "The token endpoint takes POST requests.");
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
            return;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // Beyond the form reader's limits (too many fields, a key or value too long): bad input, not a server fault.
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "The form is malformed or too large.");
            return;
        }

        var outcome = Grant(context.Request.Headers.Authorization.ToString(), form);
        if (outcome.Error is { } error)
        {
            Log.CognitoRequestFailed(logger, "oauth2/token", StatusCodes.Status400BadRequest, error, requestId);
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, error, outcome.Description);
            return;
        }

        Log.CognitoRequest(logger, "oauth2/token", StatusCodes.Status200OK, requestId);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json;charset=UTF-8";
        await using var writer = new Utf8JsonWriter(response.Body, WireJson.Compact);
        writer.WriteStartObject();
        writer.WriteString("access_token", outcome.AccessToken);
        writer.WriteNumber("expires_in", outcome.ExpiresIn);
        writer.WriteString("token_type", "Bearer");
        writer.WriteEndObject();
    }

    private Outcome Grant(string authorization, IFormCollection form)
    {
        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            return Outcome.Fail("invalid_request", "grant_type is missing.");
        }

        if (grantType is "authorization_code" or "refresh_token")
        {
            // Valid grant types at Cognito; the emulator's token endpoint serves client credentials only.
            return Outcome.Fail("unsupported_grant_type", $"The emulator's token endpoint does not serve {grantType} yet.");
        }

        if (grantType != "client_credentials")
        {
            return Outcome.Fail("unsupported_grant_type", null);
        }

        if (!TryClientCredentials(authorization, form, out var clientId, out var clientSecret, out var problem))
        {
            return Outcome.Fail(problem == "invalid_request" ? "invalid_request" : "invalid_client", null);
        }

        TokenIssuerGrant grant;
        lock (directory.Gate)
        {
            var pool = directory.FindPoolOfClient(clientId);
            var client = pool?.FindClient(clientId);
            if (pool is null || client is null || client.ClientSecret is not { } secret || !SameSecret(secret, clientSecret))
            {
                return Outcome.Fail("invalid_client", null);
            }

            if (!client.AllowsClientCredentials || pool.Domain is null)
            {
                return Outcome.Fail("unauthorized_client", null);
            }

            var allowed = client.AllowedOAuthScopes.Where(pool.IsCustomScope).ToList();
            var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var scopes = requested.Length == 0 ? allowed : [.. requested.Distinct(StringComparer.Ordinal)];
            if (scopes.Count == 0 || scopes.Any(s => !allowed.Contains(s, StringComparer.Ordinal)))
            {
                return Outcome.Fail("invalid_scope", null);
            }

            grant = new TokenIssuerGrant(pool, client.ClientId, scopes, client.AccessTokenValidity, pool.Now);
        }

        // Signed outside the lock, as every token.
        var token = grant.Pool.Tokens.CreateClientCredentialsToken(grant.ClientId, grant.Scopes, grant.IssuedAt, grant.Validity);
        return new Outcome(null, null, token, (int)grant.Validity.TotalSeconds);
    }

    /// <summary>Reads client_secret_basic or client_secret_post; using both, or neither, is an error (RFC 6749 §2.3).</summary>
    private static bool TryClientCredentials(string authorization, IFormCollection form, out string clientId, out string clientSecret, out string? problem)
    {
        clientId = clientSecret = string.Empty;
        problem = null;
        var postedId = form["client_id"].ToString();
        var postedSecret = form["client_secret"].ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (postedSecret.Length > 0)
            {
                problem = "invalid_request";
                return false;
            }

            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            }
            catch (FormatException)
            {
                problem = "invalid_client";
                return false;
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                problem = "invalid_client";
                return false;
            }

            // RFC 6749 §2.3.1: the id and secret are form-encoded before they are joined.
            clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
            clientSecret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            if (postedId.Length > 0 && postedId != clientId)
            {
                problem = "invalid_request";
                return false;
            }

            return true;
        }

        if (postedId.Length == 0 || postedSecret.Length == 0)
        {
            problem = "invalid_client";
            return false;
        }

        clientId = postedId;
        clientSecret = postedSecret;
        return true;
    }

    private static bool SameSecret(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));

    private static async Task WriteErrorAsync(HttpContext context, int status, string error, string? description)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body, WireJson.Compact);
        writer.WriteStartObject();
        writer.WriteString("error", error);
        if (description is not null)
        {
            writer.WriteString("error_description", description);
        }

        writer.WriteEndObject();
    }

    private readonly record struct Outcome(string? Error, string? Description, string? AccessToken, int ExpiresIn)
    {
        public static Outcome Fail(string error, string? description) => new(error, description, null, 0);

        public override string ToString() => Error is null ? $"Outcome {{ Granted, ExpiresIn = {ExpiresIn}, AccessToken = *** }}" : $"Outcome {{ Error = {Error} }}";
    }

    private sealed record TokenIssuerGrant(UserPool Pool, string ClientId, IReadOnlyList<string> Scopes, TimeSpan Validity, DateTimeOffset IssuedAt);
}

using System.Text.Json;
using CognitoAuth.Emulator.Diagnostics;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Triggers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.OAuth;

/// <summary>
/// The pool domain's OAuth 2.0 token endpoint, <c>POST {CognitoEndpoint}oauth2/token</c> (one for all pools: the pool is
/// found from the client id), as Cognito's developer guide ("The token issuer endpoint") describes it: a form-encoded body,
/// the grants <c>authorization_code</c> (<see cref="AuthorizationCodeGrant"/>), <c>refresh_token</c>
/// (<see cref="RefreshTokenGrant"/>) and <c>client_credentials</c> (<see cref="ClientCredentialsGrant"/>), and errors as
/// <c>400 {"error": "…"}</c> with the guide's codes. State a grant changed (a spent code, a new refresh token) is written to
/// the data directory before the answer goes out.
/// </summary>
internal sealed class TokenEndpoint(PoolDirectory directory, Action? commit, ILogger logger)
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

        var before = directory.Version;
        var authorization = context.Request.Headers.Authorization.ToString();
        TokenOutcome outcome;
        try
        {
            outcome = form["grant_type"].ToString() switch
            {
                "" => TokenOutcome.Fail("invalid_request", "grant_type is missing."),
                "client_credentials" => await ClientCredentialsGrant.RedeemAsync(directory, authorization, form, context.RequestAborted),
                "authorization_code" => await AuthorizationCodeGrant.RedeemAsync(directory, authorization, form, context.RequestAborted),
                "refresh_token" => await RefreshTokenGrant.RedeemAsync(directory, authorization, form, context.RequestAborted),
                _ => TokenOutcome.Fail("unsupported_grant_type"),
            };
        }
        catch (Exception failed) when (TriggerErrors.IsTriggerFailure(failed))
        {
            // A PreTokenGeneration trigger failed: no token; the endpoint says so in OAuth's terms, with Cognito's sentence.
            outcome = TokenOutcome.Fail("invalid_request", failed.Message);
        }
        if (commit is not null && directory.Version != before)
        {
            commit();
        }

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

        // The members in the order Cognito's answers list them.
        if (outcome.IdToken is { } idToken)
        {
            writer.WriteString("id_token", idToken);
        }

        writer.WriteString("access_token", outcome.AccessToken);
        if (outcome.RefreshToken is { } refreshToken)
        {
            writer.WriteString("refresh_token", refreshToken);
        }

        writer.WriteNumber("expires_in", outcome.ExpiresIn);
        writer.WriteString("token_type", "Bearer");
        writer.WriteEndObject();
    }

    /// <summary>An OAuth error answer: <c>{"error": …, "error_description": …}</c> (the description only where the emulator has one).</summary>
    public static async Task WriteErrorAsync(HttpContext context, int status, string error, string? description)
    {
        Local.RequestOutcome.Set(context, error);
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
}

using CognitoAuth.Emulator.Pool;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.OAuth;

/// <summary>
/// <c>POST {CognitoEndpoint}oauth2/revoke</c> (AWS developer guide, "The token revocation endpoint"; RFC 7009): a form with
/// <c>token</c> (a refresh token) and the client authenticated as at the token endpoint. It ends the refresh token's whole
/// family and the access tokens of its sign-in at Cognito's own operations, as <c>RevokeToken</c> does, and answers
/// <c>200</c> with an empty body — for an unknown token too (RFC 7009 §2.2). Errors are <c>400 {"error": …}</c>:
/// <c>invalid_request</c> (no <c>token</c>), <c>invalid_client</c>, <c>unsupported_token_type</c> (an access or ID token), and
/// <c>unauthorized_client</c> for a client without token revocation (the emulator's choice of code).
/// </summary>
internal sealed class RevocationEndpoint(PoolDirectory directory, Action? commit)
{
    public const string Path = "/oauth2/revoke";

    public async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await TokenEndpoint.WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "invalid_request", "The revocation endpoint takes POST requests.");
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await TokenEndpoint.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
            return;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            await TokenEndpoint.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "The form is malformed or too large.");
            return;
        }

        var error = Revoke(context.Request.Headers.Authorization.ToString(), form);
        if (error is not null)
        {
            await TokenEndpoint.WriteErrorAsync(context, StatusCodes.Status400BadRequest, error, null);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private string? Revoke(string authorization, IFormCollection form)
    {
        var token = form["token"].ToString();
        if (token.Length == 0)
        {
            return "invalid_request";
        }

        var (clientId, secret, problem) = ClientAuthentication.Read(authorization, form);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = RefreshTokenRevocation.Revoke(directory, clientId, client => ClientAuthentication.Verifies(client, secret), token);
        if (outcome == RevocationOutcome.Revoked)
        {
            commit?.Invoke();
        }

        return outcome switch
        {
            RevocationOutcome.InvalidClient => "invalid_client",
            RevocationOutcome.RevocationDisabled => "unauthorized_client",
            RevocationOutcome.UnsupportedTokenType => "unsupported_token_type",
            _ => null,
        };
    }
}

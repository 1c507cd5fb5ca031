using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Cognito.Operations;
using CognitoAuth.Emulator.Hosting;
using CognitoAuth.Emulator.Pool;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Local;

/// <summary>
/// The local page's actions, plain form posts to <c>{CognitoEndpoint}_local/actions/{name}</c> with <c>pool</c> and
/// <c>username</c>: <c>create-user</c> (AdminCreateUser; with <c>temporary_password</c>, or a generated one sent to the
/// inbox), <c>reset-password</c> (AdminResetUserPassword), <c>disable</c> / <c>enable</c>, and <c>sign-out</c>
/// (AdminUserGlobalSignOut, and the user's browsers signed out of the managed login). The same code as the admin operations,
/// without SigV4 — so only a page of the emulator's own origin may post them (<see cref="SameOriginGuard"/>; anything else
/// is 403). Each answers <c>303</c> back to the page with what happened.
/// </summary>
internal sealed class LocalActions(PoolDirectory directory, Action? commit)
{
    public const string PathPrefix = "/_local/actions/";

    private readonly UserAdministration _administration = new(directory);

    public async Task HandleAsync(HttpContext context, string path)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (!SameOriginGuard.Allows(context.Request) || !context.Request.HasFormContentType)
        {
            RequestOutcome.Set(context, "cross-site post refused");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("The local page's actions take form posts from the local page only.", context.RequestAborted);
            return;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var poolId = form["pool"].ToString();
        var username = form["username"].ToString().Trim();
        var before = directory.Version;
        string query;
        try
        {
            var done = await RunAsync(path[PathPrefix.Length..], poolId, username, form["temporary_password"].ToString(), context.RequestAborted);
            query = "?done=" + Uri.EscapeDataString(done);
        }
        catch (CognitoServiceException error)
        {
            query = "?failed=" + Uri.EscapeDataString($"{error.Code}: {error.Message}");
        }

        if (commit is not null && directory.Version != before)
        {
            commit();
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = LocalPage.PathPrefix + query;
    }

    private async Task<string> RunAsync(string action, string poolId, string username, string temporaryPassword, CancellationToken cancellationToken)
    {
        var request = new AdminUserRequest { UserPoolId = poolId, Username = username };
        switch (action)
        {
            case "create-user":
                var created = await _administration.AdminCreateUserAsync(new AdminCreateUserRequest
                {
                    UserPoolId = poolId,
                    Username = username,
                    TemporaryPassword = temporaryPassword.Length == 0 ? null : temporaryPassword,
                    MessageAction = temporaryPassword.Length == 0 ? null : "SUPPRESS",
                    UserAttributes = username.Contains('@', StringComparison.Ordinal) ? [AttributeType.Of("email", username), AttributeType.Of("email_verified", "true")] : null,
                }, cancellationToken);
                return $"Created {username} ({created.User!.UserStatus}).";
            case "reset-password":
                await _administration.AdminResetUserPasswordAsync(request, cancellationToken);
                return $"Reset the password of {username}: the code is in the inbox.";
            case "disable":
                _administration.AdminDisableUser(request);
                return $"Disabled {username}.";
            case "enable":
                _administration.AdminEnableUser(request);
                return $"Enabled {username}.";
            case "sign-out":
                _administration.AdminUserGlobalSignOut(request);
                int browsers;
                lock (directory.Gate)
                {
                    browsers = directory.ManagedLogin.EndBrowserSessionsOf(poolId, directory.Pool(poolId).User(username).Username);
                    directory.Touch();
                }

                return $"Signed {username} out: refresh tokens revoked, {browsers} browser session(s) ended.";
            default:
                throw CognitoErrors.InvalidParameter($"Unknown action {action}.");
        }
    }

    public override string ToString() => "LocalActions";
}

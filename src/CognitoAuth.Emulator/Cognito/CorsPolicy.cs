using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Cognito;

/// <summary>
/// CORS as the Cognito endpoint answers browsers (amazon-cognito-identity-js, Amplify): any origin, the AWS response
/// headers exposed, and a preflight (<c>OPTIONS</c>) that allows <c>POST</c> with the headers asked for, cached for two days
/// (the 172800-second max-age browsers report for AWS's endpoints). The emulator's own pages under <c>/_local/</c> (the
/// inbox with temporary passwords and codes, the local page and its actions) are not covered: with <c>*</c> any web page
/// open in the developer's browser could read them.
/// </summary>
internal static class CorsPolicy
{
    private const string DefaultAllowedHeaders = "content-type,x-amz-target,x-amz-user-agent,authorization,x-amz-date,x-amz-security-token,amz-sdk-invocation-id,amz-sdk-request,cache-control";

    private const string LocalPath = "/_local";

    /// <summary>Whether <paramref name="path"/> answers browsers of any origin: everything but <c>/_local</c> and below.</summary>
    /// <remarks>Case-insensitive, as the routes are: <c>/_LOCAL/inbox</c> reaches the inbox, and must not carry CORS either.</remarks>
    public static bool Covers(string path) =>
        !(path.Equals(LocalPath, StringComparison.OrdinalIgnoreCase) || path.StartsWith(LocalPath + "/", StringComparison.OrdinalIgnoreCase));

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlExposeHeaders = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";
    }

    /// <summary>Answers a preflight; <see langword="true"/> when the request was one.</summary>
    public static bool TryAnswerPreflight(HttpContext context)
    {
        if (!HttpMethods.IsOptions(context.Request.Method))
        {
            return false;
        }

        var headers = context.Response.Headers;
        var requested = context.Request.Headers.AccessControlRequestHeaders.ToString();
        headers.AccessControlAllowMethods = "POST,GET,OPTIONS";
        headers.AccessControlAllowHeaders = requested.Length > 0 ? requested : DefaultAllowedHeaders;
        headers.AccessControlMaxAge = "172800";
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
        return true;
    }
}

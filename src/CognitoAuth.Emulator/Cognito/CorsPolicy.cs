using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Cognito;

/// <summary>
/// CORS as the Cognito endpoint answers browsers (amazon-cognito-identity-js, Amplify): any origin, the AWS response
/// headers exposed, and a preflight (<c>OPTIONS</c>) that allows <c>POST</c> with the headers asked for, cached for two days
/// (the 172800-second max-age browsers report for AWS's endpoints).
/// </summary>
internal static class CorsPolicy
{
    private const string DefaultAllowedHeaders = "content-type,x-amz-target,x-amz-user-agent,authorization,x-amz-date,x-amz-security-token,amz-sdk-invocation-id,amz-sdk-request,cache-control";

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

using CognitoAuth.Emulator.Diagnostics;
using CognitoAuth.Reference;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Api;

/// <summary>
/// The HTTP API front: matches a route of the reference stack (an unmatched request gets API Gateway's
/// <c>404 {"message":"Not Found"}</c> before any authorization), runs the JWT authorizer (a refusal is
/// <c>401 {"message":"Unauthorized"}</c> with a <c>www-authenticate</c> header; a valid token without one of the route's
/// scopes is <c>403 {"message":"Forbidden"}</c>), then invokes the real function
/// with a payload-2.0 event and maps its answer back (a failure is <c>500 {"message":"Internal Server Error"}</c>).
/// </summary>
internal sealed class HttpApiEndpoint(
    IReadOnlyList<RouteDefinition> routes,
    JwtAuthorizer authorizer,
    LambdaFunction function,
    string apiId,
    RequestCounters counters,
    TimeProvider time,
    ILogger logger)
{
    // API Gateway's payload limit for HTTP APIs.
    private const int MaxBodyBytes = 10 * 1024 * 1024;

    private static readonly byte[] NotFound = """{"message":"Not Found"}"""u8.ToArray();
    private static readonly byte[] Unauthorized = """{"message":"Unauthorized"}"""u8.ToArray();
    private static readonly byte[] Forbidden = """{"message":"Forbidden"}"""u8.ToArray();
    private static readonly byte[] InternalServerError = """{"message":"Internal Server Error"}"""u8.ToArray();
    private static readonly byte[] RequestTooLarge = """{"message":"Request Entity Too Large"}"""u8.ToArray();

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var requestId = RandomIds.ApiRequestId();
        context.Response.Headers["apigw-requestid"] = requestId;

        var route = routes.FirstOrDefault(r =>
            string.Equals(r.Method, request.Method, StringComparison.Ordinal) && string.Equals(r.Path, request.Path.Value, StringComparison.Ordinal));
        if (route is null)
        {
            await WriteJsonAsync(context, StatusCodes.Status404NotFound, NotFound, requestId);
            return;
        }

        counters.Increment(route.RouteKey);
        var verdict = authorizer.Authorize(request.Headers.Authorization.ToString(), route.AuthorizationScopes);
        if (verdict.MissingScopes is { } routeScopes)
        {
            // API Gateway's answer to a valid token without one of the route's scopes: the developer guide
            // (http-api-jwt-authorizer) documents the 403; the body and header are as API Gateway sends them (a captured
            // response: 403, {"message":"Forbidden"}, www-authenticate: Bearer scope="a b" error="insufficient_scope"
            // error_description="expected scopes: [a b]").
            var expected = string.Join(' ', routeScopes);
            Log.ApiUnauthorized(logger, route.RouteKey, verdict.Failure!, requestId);
            context.Response.Headers.WWWAuthenticate = $"Bearer scope=\"{expected}\" error=\"insufficient_scope\" error_description=\"expected scopes: [{expected}]\"";
            await WriteJsonAsync(context, StatusCodes.Status403Forbidden, Forbidden, requestId);
            return;
        }

        if (verdict.Token is not { } token)
        {
            Log.ApiUnauthorized(logger, route.RouteKey, verdict.Failure!, requestId);
            context.Response.Headers.WWWAuthenticate = $"Bearer scope=\"\" error=\"invalid_token\" error_description=\"{verdict.Failure}\"";
            await WriteJsonAsync(context, StatusCodes.Status401Unauthorized, Unauthorized, requestId);
            return;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            await WriteJsonAsync(context, StatusCodes.Status413PayloadTooLarge, RequestTooLarge, requestId);
            return;
        }

        using var bodyBuffer = new MemoryStream();
        await request.Body.CopyToAsync(bodyBuffer, context.RequestAborted);
        var payload = HttpApiEvent.Build(context, route, token, verdict.Scopes, apiId, requestId, time.GetUtcNow(), bodyBuffer.ToArray());

        byte[] output;
        try
        {
            using var input = new MemoryStream(payload, writable: false);
            await using var result = await function.InvokeAsync(input);
            using var copy = new MemoryStream();
            await result.CopyToAsync(copy, context.RequestAborted);
            output = copy.ToArray();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.FunctionFailed(logger, function.Handler, requestId, ex);
            await WriteJsonAsync(context, StatusCodes.Status500InternalServerError, InternalServerError, requestId);
            return;
        }

        if (HttpApiResponse.TryMap(output, out var problem) is not { } response)
        {
            Log.FunctionResponseInvalid(logger, function.Handler, problem!, requestId);
            await WriteJsonAsync(context, StatusCodes.Status500InternalServerError, InternalServerError, requestId);
            return;
        }

        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            if (!name.Equals("content-length", StringComparison.OrdinalIgnoreCase) && !name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = value;
            }
        }

        foreach (var cookie in response.Cookies)
        {
            context.Response.Headers.Append("set-cookie", cookie);
        }

        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
        Log.ApiRequest(logger, request.Method, request.Path.Value ?? "/", response.StatusCode, requestId);
    }

    private async Task WriteJsonAsync(HttpContext context, int statusCode, byte[] body, string requestId)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
        Log.ApiRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/", statusCode, requestId);
    }

    public override string ToString() => $"HttpApiEndpoint {{ Routes = {string.Join(", ", routes.Select(r => r.RouteKey))} }}";
}

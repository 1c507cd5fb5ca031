using CognitoAuth.Emulator.Diagnostics;
using CognitoAuth.Emulator.Triggers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Api;

/// <summary>
/// The HTTP API front: finds the API (the only one at the root; with several, each under <c>/{apiId}/</c>) and its stage
/// (<c>$default</c> at the API's root, another under <c>/{stage}/</c>), matches a route (an unmatched request gets API
/// Gateway's <c>404 {"message":"Not Found"}</c> before any authorization), runs the route's JWT authorizer (a refusal is
/// <c>401 {"message":"Unauthorized"}</c> with a <c>www-authenticate</c> header; a valid token without one of the route's
/// scopes is <c>403 {"message":"Forbidden"}</c>), then invokes the integration's function with a payload-2.0 event and maps
/// its answer back (a failure is <c>500 {"message":"Internal Server Error"}</c>).
/// </summary>
internal sealed class HttpApiEndpoint(
    IReadOnlyList<HttpApi> apis,
    RequestCounters counters,
    TimeProvider time,
    ILogger logger,
    LambdaRunner? lambdas = null)
{
    // API Gateway's payload limit for HTTP APIs.
    private const int MaxBodyBytes = 10 * 1024 * 1024;

    private static readonly byte[] NotFound = """{"message":"Not Found"}"""u8.ToArray();
    private static readonly byte[] Unauthorized = """{"message":"Unauthorized"}"""u8.ToArray();
    private static readonly byte[] Forbidden = """{"message":"Forbidden"}"""u8.ToArray();
    private static readonly byte[] InternalServerError = """{"message":"Internal Server Error"}"""u8.ToArray();
    private static readonly byte[] RequestTooLarge = """{"message":"Request Entity Too Large"}"""u8.ToArray();

    /// <summary>The path under which an API is served, relative to the front's root: empty for a lone API, else <c>{apiId}/</c>.</summary>
    public static string BasePath(IReadOnlyList<HttpApi> apis, HttpApi api) => apis.Count == 1 ? string.Empty : api.Id + "/";

    /// <summary>The API's stage path under its base: empty for <c>$default</c>, else <c>{stage}/</c>.</summary>
    public static string StagePath(HttpApi api) =>
        api.Stages.Contains(HttpApi.DefaultStage) || api.Stages.Count == 0 ? string.Empty : api.Stages[0] + "/";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var requestId = RandomIds.ApiRequestId();
        context.Response.Headers["apigw-requestid"] = requestId;

        if (Locate(request.Path.Value ?? "/") is not var (api, stage, path)
            || ApiRoute.Select(api.Routes, request.Method, path) is not var (route, pathParameters)
            || route.IntegrationId is not { } integrationId || !api.Integrations.TryGetValue(integrationId, out var integration))
        {
            await WriteJsonAsync(context, StatusCodes.Status404NotFound, NotFound, requestId);
            return;
        }

        counters.Increment(route.RouteKey);
        var verdict = Authorize(api, route, request.Headers);
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

        if (verdict.Failure is not null)
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
        var payload = HttpApiEvent.Build(context, route.RouteKey, verdict.Token, verdict.Scopes, api.Id, requestId, time.GetUtcNow(), bodyBuffer.ToArray(), pathParameters, stage, apis.Count == 1 ? null : "/" + api.Id);
        if (await InvokeAsync(integration, payload, requestId, context.RequestAborted) is not var (output, handler))
        {
            await WriteJsonAsync(context, StatusCodes.Status500InternalServerError, InternalServerError, requestId);
            return;
        }

        if (HttpApiResponse.TryMap(output, out var problem) is not { } response)
        {
            Log.FunctionResponseInvalid(logger, handler, problem!, requestId);
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

    /// <summary>
    /// Runs the integration's function: its local code in-process, else through Contract 5's runner by its name (the template's
    /// <c>FunctionName</c>, then its logical id). Returns its answer and what ran it, or <see langword="null"/> when it failed,
    /// timed out or nothing runs it, which API Gateway answers with 500 and the log explains.
    /// </summary>
    private async Task<(byte[] Output, string Handler)?> InvokeAsync(ApiIntegration integration, byte[] payload, string requestId, CancellationToken aborted)
    {
        if (integration.Function is { } function)
        {
            try
            {
                using var input = new MemoryStream(payload, writable: false);
                await using var result = await function.InvokeAsync(input);
                using var copy = new MemoryStream();
                await result.CopyToAsync(copy, aborted);
                return (copy.ToArray(), function.Handler);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.FunctionFailed(logger, function.Handler, requestId, ex);
                return null;
            }
        }

        if (integration.FunctionArn is not { } arn || lambdas is null)
        {
            Log.ApiFunctionNotRun(logger, integration.FunctionName, "it has no local code and no runner is configured", requestId);
            return null;
        }

        try
        {
            var (output, source) = await lambdas.InvokeIntegrationAsync(arn, payload, integration.Timeout, aborted);
            return (output, $"{integration.FunctionName} ({source})");
        }
        catch (LambdaUnreachableException ex)
        {
            Log.ApiFunctionNotRun(logger, integration.FunctionName, ex.Error, requestId);
        }
        catch (LambdaFunctionException ex)
        {
            Log.ApiFunctionNotRun(logger, integration.FunctionName, $"it failed: {ex.Message}", requestId);
        }
        catch (TimeoutException)
        {
            Log.ApiFunctionNotRun(logger, integration.FunctionName, $"no answer within the integration's timeout ({integration.Timeout.TotalSeconds:0.###} s)", requestId);
        }

        return null;
    }

    private async Task WriteJsonAsync(HttpContext context, int statusCode, byte[] body, string requestId)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
        Log.ApiRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/", statusCode, requestId);
    }

    /// <summary>The API, stage and API-relative path a request addresses, or <see langword="null"/>.</summary>
    private (HttpApi Api, string Stage, string Path)? Locate(string path)
    {
        HttpApi? api = null;
        if (apis.Count == 1)
        {
            api = apis[0];
        }
        else
        {
            var rest = path.TrimStart('/');
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var id = slash < 0 ? rest : rest[..slash];
            api = apis.FirstOrDefault(a => a.Id == id);
            path = slash < 0 ? "/" : rest[slash..];
        }

        if (api is null || api.Stages.Count == 0)
        {
            return null;
        }

        if (api.Stages.Contains(HttpApi.DefaultStage))
        {
            return (api, HttpApi.DefaultStage, path);
        }

        var stage = api.Stages[0];
        var prefix = "/" + stage;
        return path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal)
            ? (api, stage, path.Length == prefix.Length ? "/" : path[prefix.Length..])
            : null;
    }

    private static AuthorizationResult Authorize(HttpApi api, ApiRoute route, IHeaderDictionary headers)
    {
        if (route.AuthorizationType == ApiRoute.None)
        {
            return AuthorizationResult.Anonymous;
        }

        if (route.AuthorizationType != ApiRoute.Jwt || route.AuthorizerId is not { } authorizerId || !api.Authorizers.TryGetValue(authorizerId, out var authorizer))
        {
            return AuthorizationResult.Deny($"the route's authorization type {route.AuthorizationType} is not emulated");
        }

        return authorizer.Jwt is { } jwt ? jwt.Authorize(headers[authorizer.IdentityHeader].ToString(), route.AuthorizationScopes) : AuthorizationResult.Deny(authorizer.Problem ?? "the authorizer cannot verify tokens");
    }

    public override string ToString() => $"HttpApiEndpoint {{ Apis = {string.Join(", ", apis.Select(a => a.Id))} }}";
}

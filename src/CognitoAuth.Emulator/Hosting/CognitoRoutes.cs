using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Local;
using CognitoAuth.Emulator.OAuth;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Emulator.Hosting;

/// <summary>
/// The Cognito listener: what every answer carries (<see cref="PrepareAsync"/>: a request id, CORS, a line in the local
/// page's request log), then its routes (<see cref="Map"/>): the JSON 1.1 API, each pool's well-known documents, the pool
/// domain (OAuth 2.0 and managed login), the emulator's own page and the inbox. A request no route takes is the JSON API's
/// to refuse, in AWS's words.
/// </summary>
internal static class CognitoRoutes
{
    /// <summary>Runs before routing, for every request of the listener.</summary>
    public static async Task PrepareAsync(HttpContext context, RequestDelegate next)
    {
        // AWS's request id on every answer; the handlers read it back as the request's TraceIdentifier.
        var requestId = Guid.NewGuid().ToString();
        context.TraceIdentifier = requestId;
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var requestLog = context.RequestServices.GetRequiredService<RequestLog>();
        requestLog.Begin();
        try
        {
            // Before routing: a preflight (OPTIONS) is answered here, whatever the route takes.
            if (CorsPolicy.Covers(context.Request.Path.Value ?? "/"))
            {
                CorsPolicy.Apply(context);
                if (CorsPolicy.TryAnswerPreflight(context))
                {
                    return;
                }
            }

            await next(context);
        }
        finally
        {
            requestLog.Record(context, api: false);
        }
    }

    /// <summary>The listener's routes; <paramref name="counters"/> count the pool domain's requests by endpoint.</summary>
    public static void Map(IEndpointRouteBuilder routes, RequestCounters counters)
    {
        var json = With<CognitoEndpoint>(static (endpoint, context) => endpoint.HandleAsync(context));

        // AWS's JSON 1.1 protocol: the operation X-Amz-Target names (CognitoOperation.All), posted to the root.
        routes.MapPost("/", json);

        // Each pool's documents, where cognito-idp.{region}.amazonaws.com/{poolId}/.well-known/ serves them.
        routes.MapGet("/{poolId}/.well-known/jwks.json", context => WellKnownAsync(context, jwks: true, json));
        routes.MapGet("/{poolId}/.well-known/openid-configuration", context => WellKnownAsync(context, jwks: false, json));

        // The pool domain. Each of these answers a method it does not take in its own protocol's words (OAuth's
        // invalid_request, the page's Allow header), so each route takes every method.
        routes.Map(TokenEndpoint.Path, Counted(counters, "oauth2/token", With<TokenEndpoint>(static (token, context) => token.HandleAsync(context, context.TraceIdentifier))));
        routes.Map(UserInfoEndpoint.Path, Counted(counters, "oauth2/userInfo", With<UserInfoEndpoint>(static (userInfo, context) => userInfo.HandleAsync(context))));
        routes.Map(RevocationEndpoint.Path, Counted(counters, "oauth2/revoke", With<RevocationEndpoint>(static (revocation, context) => revocation.HandleAsync(context))));
        foreach (var path in (string[])[ManagedLoginEndpoint.AuthorizePath, ManagedLoginEndpoint.LoginPath, ManagedLoginEndpoint.LogoutPath, ManagedLoginEndpoint.ErrorPath])
        {
            routes.Map(path, Counted(counters, path[1..], With<ManagedLoginEndpoint>((login, context) => login.HandleAsync(context, path))));
        }

        // The emulator's own page, its actions and the inbox (no CORS: CorsPolicy says why).
        routes.Map("/_local", With<LocalPage>(static (page, context) => LocalPageAsync(page, context)));
        routes.Map(LocalActions.PathPrefix + "{action}", With<LocalPage>(static (page, context) => page.HandleAsync(context, LocalActions.PathPrefix + context.Request.RouteValues["action"])));
        routes.Map(InboxEndpoint.Path, static context => InboxEndpoint.HandleAsync(context, context.RequestServices.GetRequiredService<PoolDirectory>().Inbox));

        // Anything else (another method, another path) is the JSON API's to refuse, as AWS does: UnknownOperationException.
        routes.MapFallback("{**path}", json);
    }

    /// <summary>A handler of the singleton <typeparamref name="T"/>, made on the first request that needs it.</summary>
    private static RequestDelegate With<T>(Func<T, HttpContext, Task> handle)
        where T : notnull =>
        context => handle(context.RequestServices.GetRequiredService<T>(), context);

    private static RequestDelegate Counted(RequestCounters counters, string name, RequestDelegate handler) => context =>
    {
        counters.Increment(name);
        return handler(context);
    };

    private static Task LocalPageAsync(LocalPage page, HttpContext context)
    {
        // "/_local" and "/_local/" are one route; the page's relative links need the slash.
        if (context.Request.Path.Value is { } path && !path.EndsWith('/'))
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = LocalPage.PathPrefix;
            return Task.CompletedTask;
        }

        return page.HandleAsync(context, LocalPage.PathPrefix);
    }

    /// <summary>A pool's JWKS or OpenID configuration; a pool that does not exist is any other unknown request.</summary>
    private static async Task WellKnownAsync(HttpContext context, bool jwks, RequestDelegate unknown)
    {
        var directory = context.RequestServices.GetRequiredService<PoolDirectory>();
        var poolId = context.Request.RouteValues["poolId"] as string;
        byte[]? document = null;
        lock (directory.Gate)
        {
            if (poolId is not null && directory.FindPool(poolId) is { } pool)
            {
                var issuers = directory.Issuers;
                document = jwks
                    ? WellKnownDocuments.Jwks(pool.Key)
                    : WellKnownDocuments.OpenIdConfiguration(pool.Tokens.Issuer, issuers.JwksUri(pool.Id), pool.Domain is null ? null : issuers.Endpoint + "/");
            }
        }

        if (document is null)
        {
            await unknown(context);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(document, context.RequestAborted);
    }
}

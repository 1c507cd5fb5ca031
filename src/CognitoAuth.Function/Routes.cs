namespace CognitoAuth.Function;

/// <summary>The routes the function serves; the route table itself lives in the reference stack definition.</summary>
internal static class Routes
{
    internal const string HelloMessage = "Hello from a protected API!";

    public static HttpApiResponse Handle(HttpApiRequest evt)
    {
        var http = evt.RequestContext!.Http!;
        var (method, path) = RouteOf(evt.RouteKey, http.Method, evt.RawPath ?? http.Path);

        return (method, path) switch
        {
            ("GET", "/hello") or ("GET", "/scoped/hello") => HttpApiResponse.Text(200, HelloMessage),
            ("GET", "/me") => Me(evt),
            _ => HttpApiResponse.Json(404, new ErrorBody("Not Found")),
        };
    }

    /// <summary>
    /// The route is taken from <c>routeKey</c> ("GET /hello") when API Gateway matched an explicit route,
    /// and from the method and raw path under the <c>$default</c> route.
    /// </summary>
    internal static (string Method, string Path) RouteOf(string? routeKey, string? method, string? path)
    {
        if (!string.IsNullOrEmpty(routeKey) && routeKey != "$default")
        {
            var space = routeKey.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                return (routeKey[..space].ToUpperInvariant(), routeKey[(space + 1)..]);
            }
        }

        return ((method ?? string.Empty).ToUpperInvariant(), path ?? string.Empty);
    }

    private static HttpApiResponse Me(HttpApiRequest evt)
    {
        var claims = evt.RequestContext?.Authorizer?.Jwt?.Claims;
        if (claims is null || claims.Count == 0)
        {
            // The route is meant to sit behind the JWT authorizer; without its claims there is nobody to describe.
            return HttpApiResponse.Json(401, new ErrorBody("Unauthorized"));
        }

        var me = new MeBody(
            Username: Claim(claims, "username") ?? Claim(claims, "cognito:username"),
            Sub: Claim(claims, "sub"),
            TokenUse: Claim(claims, "token_use"),
            Scope: Claim(claims, "scope"),
            ClientId: Claim(claims, "client_id") ?? Claim(claims, "aud"));
        return HttpApiResponse.Json(200, me);
    }

    private static string? Claim(Dictionary<string, ClaimValue> claims, string name) =>
        claims.TryGetValue(name, out var value) ? value.Text : null;
}

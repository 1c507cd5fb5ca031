namespace CognitoAuth.Emulator.Api;

/// <summary>
/// A route of an HTTP API, matched as API Gateway matches it: <c>METHOD /path</c> with <c>{name}</c> segments and a greedy
/// <c>{name+}</c> last segment, <c>ANY</c> for every method, <c>$default</c> for whatever nothing else matches. The most specific
/// route wins: literal paths before parameters, parameters before greedy ones, a method before <c>ANY</c>.
/// </summary>
internal sealed class ApiRoute
{
    public const string Jwt = "JWT";

    public const string None = "NONE";

    private readonly string[] _segments;

    public ApiRoute(string routeId, string routeKey, string authorizationType, string? authorizerId, IReadOnlyList<string> authorizationScopes, string? integrationId)
    {
        RouteId = routeId;
        RouteKey = routeKey;
        AuthorizationType = authorizationType;
        AuthorizerId = authorizerId;
        AuthorizationScopes = authorizationScopes;
        IntegrationId = integrationId;
        if (routeKey == "$default")
        {
            Method = "ANY";
            _segments = [];
            IsDefault = true;
            return;
        }

        var space = routeKey.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !routeKey[(space + 1)..].StartsWith('/'))
        {
            throw new FormatException($"'{routeKey}' is not a route key: METHOD /path, ANY /path or $default.");
        }

        Method = routeKey[..space];
        _segments = routeKey[(space + 2)..].Split('/');
    }

    public string RouteId { get; }

    public string RouteKey { get; }

    public string Method { get; }

    public bool IsDefault { get; }

    public string AuthorizationType { get; }

    public string? AuthorizerId { get; }

    public IReadOnlyList<string> AuthorizationScopes { get; }

    public string? IntegrationId { get; }

    /// <summary>Higher is more specific; only compared between routes that match.</summary>
    private int Specificity => IsDefault ? -1
        : (_segments.Count(s => !s.StartsWith('{')) * 4) + (_segments.Any(s => s.EndsWith("+}", StringComparison.Ordinal)) ? 0 : 2) + (Method == "ANY" ? 0 : 1);

    /// <summary>The route a request takes, with the path parameters it binds; <see langword="null"/> when none matches.</summary>
    public static (ApiRoute Route, IReadOnlyDictionary<string, string> Parameters)? Select(IEnumerable<ApiRoute> routes, string method, string path)
    {
        (ApiRoute Route, IReadOnlyDictionary<string, string> Parameters)? best = null;
        foreach (var route in routes)
        {
            if (route.Match(method, path) is { } parameters && (best is null || route.Specificity > best.Value.Route.Specificity))
            {
                best = (route, parameters);
            }
        }

        return best;
    }

    private Dictionary<string, string>? Match(string method, string path)
    {
        if (Method != "ANY" && !string.Equals(Method, method, StringComparison.Ordinal))
        {
            return null;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IsDefault)
        {
            return parameters;
        }

        var parts = path.TrimStart('/').Split('/');
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.StartsWith('{') && segment.EndsWith("+}", StringComparison.Ordinal))
            {
                // Greedy: the rest of the path, at least one segment.
                if (i != _segments.Length - 1 || i >= parts.Length || parts[i].Length == 0)
                {
                    return null;
                }

                parameters[segment[1..^2]] = Uri.UnescapeDataString(string.Join('/', parts[i..]));
                return parameters;
            }

            if (i >= parts.Length)
            {
                return null;
            }

            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                if (parts[i].Length == 0)
                {
                    return null;
                }

                parameters[segment[1..^1]] = Uri.UnescapeDataString(parts[i]);
            }
            else if (!string.Equals(segment, parts[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return parts.Length == _segments.Length ? parameters : null;
    }

    public override string ToString() => RouteKey;
}

using System.Text.Json.Nodes;

namespace CognitoAuth.Function.Tests;

/// <summary>Real-shape API Gateway events from <c>Events/</c>, loaded fresh for each test so they can be edited.</summary>
internal static class TestEvents
{
    /// <summary>The bearer token in <see cref="HttpApiV2"/>'s authorization header: it must never reach a log.</summary>
    public const string BearerToken = "eyJraWQiOiJyZWZlcmVuY2Uta2V5IiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiI3NzQ0ZmE1OCJ9.c2lnbmF0dXJl";

    /// <summary>An HTTP API payload-2.0 event for <c>GET /hello</c> that passed the JWT authorizer (an access token).</summary>
    public static JsonObject HttpApiV2() => Load("http-api-v2-jwt-authorizer.json");

    /// <summary>A REST API (v1) Lambda proxy event: not what an HTTP API sends.</summary>
    public static JsonObject RestApiV1() => Load("rest-api-v1-proxy.json");

    /// <summary>The payload-2.0 event for another route, with <c>routeKey</c>, <c>rawPath</c> and <c>requestContext.http</c> consistent.</summary>
    public static JsonObject HttpApiV2(string method, string path, string? routeKey = null)
    {
        var evt = HttpApiV2();
        routeKey ??= $"{method} {path}";
        evt["routeKey"] = routeKey;
        evt["rawPath"] = path;
        var context = evt["requestContext"]!.AsObject();
        context["routeKey"] = routeKey;
        context["http"]!["method"] = method;
        context["http"]!["path"] = path;
        return evt;
    }

    public static JsonObject Claims(this JsonObject evt) =>
        evt["requestContext"]!["authorizer"]!["jwt"]!["claims"]!.AsObject();

    public static JsonObject With(this JsonObject evt, Action<JsonObject> edit)
    {
        edit(evt);
        return evt;
    }

    private static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Events", name)))!.AsObject();
}

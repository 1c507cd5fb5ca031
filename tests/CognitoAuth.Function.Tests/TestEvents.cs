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

    /// <summary>The machine app client's id in <see cref="MachineToken"/>'s claims.</summary>
    public const string MachineClientId = "3k8hq1vd2c5n7p9r0t4w6y8z1a";

    /// <summary>
    /// The event as API Gateway passes it for a client-credentials access token: the claims such a token carries (no
    /// <c>username</c>, <c>sub</c> = <c>client_id</c>, the custom scope), and <c>scopes</c> filled because the route has
    /// authorization scopes.
    /// </summary>
    public static JsonObject MachineToken(JsonObject evt)
    {
        var jwt = evt["requestContext"]!["authorizer"]!["jwt"]!.AsObject();
        jwt["claims"] = new JsonObject
        {
            ["auth_time"] = "1787992402",
            ["client_id"] = MachineClientId,
            ["exp"] = "1787996002",
            ["iat"] = "1787992402",
            ["iss"] = "https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_AbCdEf123",
            ["jti"] = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
            ["scope"] = "cognito-auth-api/hello.read",
            ["sub"] = MachineClientId,
            ["token_use"] = "access",
            ["version"] = "2",
        };
        jwt["scopes"] = new JsonArray("cognito-auth-api/hello.read");
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

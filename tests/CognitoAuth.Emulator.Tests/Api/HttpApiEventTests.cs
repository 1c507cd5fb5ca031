using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Api;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Emulator.Tokens;
using CognitoAuth.Reference;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Tests.Api;

public sealed class HttpApiEventTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 19, 3, 58, 390, TimeSpan.Zero);

    [Fact]
    public void Build_AuthorizedGet_HasApiGatewaysPayload20Shape()
    {
        var context = Context("/hello", "?a=1&a=2&b=x%20y");
        context.Request.Headers.Append("X-Custom", new Microsoft.Extensions.Primitives.StringValues(["one", "two"]));
        context.Request.Headers.Cookie = "c1=v1; c2=v2";

        var evt = Build(context, Claims());

        Assert.Equal("2.0", evt.GetProperty("version").GetString());
        Assert.Equal("GET /hello", evt.GetProperty("routeKey").GetString());
        Assert.Equal("/hello", evt.GetProperty("rawPath").GetString());
        Assert.Equal("a=1&a=2&b=x%20y", evt.GetProperty("rawQueryString").GetString());
        Assert.Equal(["c1=v1", "c2=v2"], evt.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()));
        var headers = evt.GetProperty("headers");
        Assert.Equal("one,two", headers.GetProperty("x-custom").GetString());
        Assert.Equal("Bearer token", headers.GetProperty("authorization").GetString());
        Assert.False(headers.TryGetProperty("cookie", out _));
        Assert.All(headers.EnumerateObject(), h => Assert.Equal(h.Name.ToLowerInvariant(), h.Name));
        Assert.Equal("1,2", evt.GetProperty("queryStringParameters").GetProperty("a").GetString());
        Assert.Equal("x y", evt.GetProperty("queryStringParameters").GetProperty("b").GetString());
        Assert.False(evt.GetProperty("isBase64Encoded").GetBoolean());
        Assert.False(evt.TryGetProperty("body", out _));

        var requestContext = evt.GetProperty("requestContext");
        Assert.Equal("api1234567", requestContext.GetProperty("apiId").GetString());
        Assert.Equal("req-1", requestContext.GetProperty("requestId").GetString());
        Assert.Equal("GET /hello", requestContext.GetProperty("routeKey").GetString());
        Assert.Equal("$default", requestContext.GetProperty("stage").GetString());
        Assert.Equal("12/Mar/2026:19:03:58 +0000", requestContext.GetProperty("time").GetString());
        Assert.Equal(Now.ToUnixTimeMilliseconds(), requestContext.GetProperty("timeEpoch").GetInt64());
        var http = requestContext.GetProperty("http");
        Assert.Equal("GET", http.GetProperty("method").GetString());
        Assert.Equal("/hello", http.GetProperty("path").GetString());
        Assert.Equal("HTTP/1.1", http.GetProperty("protocol").GetString());
        Assert.Equal("127.0.0.1", http.GetProperty("sourceIp").GetString());
        Assert.Equal("curl/8.0", http.GetProperty("userAgent").GetString());
    }

    [Fact]
    public void Build_Claims_AreAllStringsWithArraysBracketedAndScopesNull()
    {
        var evt = Build(Context("/me"), Claims());

        var jwt = evt.GetProperty("requestContext").GetProperty("authorizer").GetProperty("jwt");
        var claims = jwt.GetProperty("claims");
        Assert.All(claims.EnumerateObject(), c => Assert.Equal(JsonValueKind.String, c.Value.ValueKind));
        Assert.Equal("1787996002", claims.GetProperty("exp").GetString());
        Assert.Equal("true", claims.GetProperty("email_verified").GetString());
        Assert.Equal("[admins readers]", claims.GetProperty("cognito:groups").GetString());
        Assert.Equal("u-1", claims.GetProperty("sub").GetString());
        Assert.Equal(JsonValueKind.Null, jwt.GetProperty("scopes").ValueKind);
    }

    [Fact]
    public void Build_OnARouteWithScopes_ScopesAreTheTokensScopes()
    {
        var context = Context("/scoped/hello");
        using var key = new TestSigningKey();
        var token = JsonWebToken.TryParse(TokenForge.SignRsa(key.Rsa, new JsonObject { ["kid"] = "k", ["alg"] = "RS256" }, Claims()))!;

        var bytes = HttpApiEvent.Build(context, "GET /scoped/hello", token, ["cognito-auth-api/hello.read", "other"], "api1234567", "req-1", Now, []);

        var scopes = JsonDocument.Parse(bytes).RootElement.GetProperty("requestContext").GetProperty("authorizer").GetProperty("jwt").GetProperty("scopes");
        Assert.Equal(["cognito-auth-api/hello.read", "other"], scopes.EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public void Build_BinaryBody_IsBase64EncodedAndTextIsNot()
    {
        var binary = Context("/hello", contentType: "application/octet-stream");
        var text = Context("/hello", contentType: "application/json; charset=utf-8");

        var binaryEvent = Build(binary, Claims(), [0, 1, 2, 255]);
        var textEvent = Build(text, Claims(), Encoding.UTF8.GetBytes("""{"a":1}"""));

        Assert.True(binaryEvent.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(Convert.ToBase64String([0, 1, 2, 255]), binaryEvent.GetProperty("body").GetString());
        Assert.False(textEvent.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("""{"a":1}""", textEvent.GetProperty("body").GetString());
    }

    private static JsonObject Claims() => new()
    {
        ["sub"] = "u-1",
        ["exp"] = 1787996002,
        ["email_verified"] = true,
        ["cognito:groups"] = new JsonArray("admins", "readers"),
    };

    private static DefaultHttpContext Context(string path, string query = "", string? contentType = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Protocol = "HTTP/1.1";
        context.Request.Host = new HostString("127.0.0.1", 9330);
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        context.Request.Headers.Authorization = "Bearer token";
        context.Request.Headers.UserAgent = "curl/8.0";
        context.Request.ContentType = contentType;
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Connection.LocalPort = 9330;
        return context;
    }

    private static JsonElement Build(HttpContext context, JsonObject claims, byte[]? body = null)
    {
        using var key = new TestSigningKey();
        var token = JsonWebToken.TryParse(TokenForge.SignRsa(key.Rsa, new JsonObject { ["kid"] = "k", ["alg"] = "RS256" }, claims))!;
        var bytes = HttpApiEvent.Build(context, "GET " + context.Request.Path.Value!, token, null, "api1234567", "req-1", Now, body ?? []);
        return JsonDocument.Parse(bytes).RootElement;
    }
}

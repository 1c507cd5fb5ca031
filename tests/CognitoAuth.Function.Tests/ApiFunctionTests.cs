using System.Text;
using System.Text.Json;
using CognitoAuth.Reference;

namespace CognitoAuth.Function.Tests;

public sealed class ApiFunctionTests
{
    private static JsonElement Invoke(string eventJson, StringWriter? log = null)
    {
        var function = new ApiFunction(log ?? new StringWriter());
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(eventJson));
        using var output = function.Handle(input);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static string Event(string routeKey, string rawPath, string? claimsJson = null) => $$"""
        {
          "version": "2.0",
          "routeKey": "{{routeKey}}",
          "rawPath": "{{rawPath}}",
          "rawQueryString": "",
          "headers": { "authorization": "Bearer eyJ...", "host": "abc.execute-api.ap-northeast-1.amazonaws.com" },
          "requestContext": {
            "accountId": "123456789012",
            "apiId": "abc",
            {{(claimsJson is null ? "" : $$"""
            "authorizer": { "jwt": { "claims": {{claimsJson}}, "scopes": null } },
            """)}}
            "domainName": "abc.execute-api.ap-northeast-1.amazonaws.com",
            "http": { "method": "GET", "path": "{{rawPath}}", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "curl/8.0" },
            "requestId": "JKJaXmPLvHcESHA=",
            "routeKey": "{{routeKey}}",
            "stage": "$default",
            "time": "26/Nov/2026:06:00:00 +0000",
            "timeEpoch": 1795500000000
          },
          "isBase64Encoded": false
        }
        """;

    [Fact]
    public void Handle_GetHello_ReturnsTheGreetingAsPlainText()
    {
        var response = Invoke(Event("GET /hello", "/hello", """{ "sub": "u-1" }"""));

        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        Assert.Equal("Hello from a protected API!", response.GetProperty("body").GetString());
        Assert.StartsWith("text/plain", response.GetProperty("headers").GetProperty("content-type").GetString(), StringComparison.Ordinal);
        Assert.False(response.GetProperty("isBase64Encoded").GetBoolean());
    }

    [Fact]
    public void Handle_GarbageJson_Returns400AndLogsOneJsonLineWithoutStackTrace()
    {
        var log = new StringWriter();

        var response = Invoke("{ not json", log);

        Assert.Equal(400, response.GetProperty("statusCode").GetInt32());
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        var entry = JsonDocument.Parse(line).RootElement;
        Assert.Equal("MalformedEvent", entry.GetProperty("event").GetString());
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionHandler_ResolvesToTheRealMethod()
    {
        var parts = ReferenceStack.FunctionHandler.Split("::");

        Assert.Equal(3, parts.Length);
        var type = typeof(ApiFunction).Assembly.GetType(parts[1], throwOnError: true)!;
        Assert.Equal(parts[0], type.Assembly.GetName().Name);
        var method = type.GetMethod(parts[2], [typeof(Stream)]);
        Assert.NotNull(method);
        Assert.Equal(typeof(Stream), method.ReturnType);
    }
}

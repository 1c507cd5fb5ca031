using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoAuth.Function.Tests;

public sealed class ApiFunctionTests
{
    private const string TextPlain = """{ "content-type": "text/plain; charset=utf-8" }""";
    private const string Json = """{ "content-type": "application/json" }""";
    private const string NotFound = $$"""{ "statusCode": 404, "headers": {{Json}}, "body": "{\"message\":\"Not Found\"}", "isBase64Encoded": false }""";
    private const string Hello = $$"""{ "statusCode": 200, "headers": {{TextPlain}}, "body": "Hello from a protected API!", "isBase64Encoded": false }""";
    private const string NotPayloadV2 = $$"""{ "statusCode": 400, "headers": {{Json}}, "body": "{\"message\":\"Bad Request: expected an API Gateway HTTP API payload format 2.0 event.\"}", "isBase64Encoded": false }""";
    private const string Malformed = $$"""{ "statusCode": 400, "headers": {{Json}}, "body": "{\"message\":\"Bad Request: the event is not a valid API Gateway HTTP API payload.\"}", "isBase64Encoded": false }""";

    /// <summary>Each case: the raw event the runtime hands over, and the exact payload-2.0 response object expected.</summary>
    private static readonly Dictionary<string, (Func<string> Event, string Response)> Cases = new()
    {
        ["GET /hello through the JWT authorizer"] = (
            () => TestEvents.HttpApiV2().ToJsonString(),
            Hello),
        ["GET /me with access-token claims, every value a string"] = (
            () => TestEvents.HttpApiV2("GET", "/me").ToJsonString(),
            $$"""
            { "statusCode": 200, "headers": {{Json}}, "isBase64Encoded": false,
              "body": "{\"username\":\"7744fa58-3041-70d5-9bb4-1ef6a2b3c4d5\",\"sub\":\"7744fa58-3041-70d5-9bb4-1ef6a2b3c4d5\",\"token_use\":\"access\",\"scope\":\"aws.cognito.signin.user.admin\",\"client_id\":\"6f0ueh9lbq2t0m6e3dmp5gu9hq\"}" }
            """),
        ["GET /me with id-token claims: cognito:username and aud stand in"] = (
            () => TestEvents.HttpApiV2("GET", "/me").With(e =>
            {
                var claims = e.Claims();
                claims.Remove("username");
                claims.Remove("client_id");
                claims.Remove("scope");
                claims["token_use"] = "id";
                claims["cognito:username"] = "7744fa58-3041-70d5-9bb4-1ef6a2b3c4d5";
                claims["aud"] = "6f0ueh9lbq2t0m6e3dmp5gu9hq";
                claims["email"] = "testuser@example.com";
            }).ToJsonString(),
            $$"""
            { "statusCode": 200, "headers": {{Json}}, "isBase64Encoded": false,
              "body": "{\"username\":\"7744fa58-3041-70d5-9bb4-1ef6a2b3c4d5\",\"sub\":\"7744fa58-3041-70d5-9bb4-1ef6a2b3c4d5\",\"token_use\":\"id\",\"scope\":null,\"client_id\":\"6f0ueh9lbq2t0m6e3dmp5gu9hq\"}" }
            """),
        ["GET /me with hand-built non-string claims, rendered as API Gateway would"] = (
            () => TestEvents.HttpApiV2("GET", "/me").With(e =>
            {
                var claims = e.Claims();
                claims["username"] = 12345;
                claims["scope"] = new JsonArray("openid", "email");
            }).ToJsonString(),
            $$"""
            { "statusCode": 200, "headers": {{Json}}, "isBase64Encoded": false,
              "body": "{\"username\":\"12345\",\"sub\":\"7744fa58-3041-70d5-9bb4-1ef6a2b3c4d5\",\"token_use\":\"access\",\"scope\":\"[openid email]\",\"client_id\":\"6f0ueh9lbq2t0m6e3dmp5gu9hq\"}" }
            """),
        ["GET /scoped/hello with a machine (client-credentials) token carrying the route's scope"] = (
            () => TestEvents.MachineToken(TestEvents.HttpApiV2("GET", "/scoped/hello")).ToJsonString(),
            Hello),
        ["GET /me with a machine token: no username, sub is the client id"] = (
            () => TestEvents.MachineToken(TestEvents.HttpApiV2("GET", "/me")).ToJsonString(),
            $$"""
            { "statusCode": 200, "headers": {{Json}}, "isBase64Encoded": false,
              "body": "{\"username\":null,\"sub\":\"{{TestEvents.MachineClientId}}\",\"token_use\":\"access\",\"scope\":\"cognito-auth-api/hello.read\",\"client_id\":\"{{TestEvents.MachineClientId}}\"}" }
            """),
        ["GET /me without the authorizer block"] = (
            () => TestEvents.HttpApiV2("GET", "/me").With(e => e["requestContext"]!.AsObject().Remove("authorizer")).ToJsonString(),
            $$"""{ "statusCode": 401, "headers": {{Json}}, "body": "{\"message\":\"Unauthorized\"}", "isBase64Encoded": false }"""),
        ["GET /hello without the authorizer block: the API, not the function, is the gate"] = (
            () => TestEvents.HttpApiV2().With(e => e["requestContext"]!.AsObject().Remove("authorizer")).ToJsonString(),
            Hello),
        ["GET /hello with a base64 body"] = (
            () => TestEvents.HttpApiV2().With(e =>
            {
                e["body"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"greeting":"こんにちは"}"""));
                e["isBase64Encoded"] = true;
                e["headers"]!["content-type"] = "application/json";
            }).ToJsonString(),
            Hello),
        ["$default route key: the route comes from method and raw path"] = (
            () => TestEvents.HttpApiV2("GET", "/hello", routeKey: "$default").ToJsonString(),
            Hello),
        ["$default route key with an unknown path"] = (
            () => TestEvents.HttpApiV2("GET", "/hello/world", routeKey: "$default").ToJsonString(),
            NotFound),
        ["unknown route"] = (
            () => TestEvents.HttpApiV2("GET", "/goodbye").ToJsonString(),
            NotFound),
        ["known path, other method"] = (
            () => TestEvents.HttpApiV2("POST", "/hello").ToJsonString(),
            NotFound),
        ["REST API (payload 1.0) proxy event"] = (
            () => TestEvents.RestApiV1().ToJsonString(),
            NotPayloadV2),
        ["HTTP API payload format 1.0 event"] = (
            () => TestEvents.HttpApiV2().With(e => e["version"] = "1.0").ToJsonString(),
            NotPayloadV2),
        ["payload 2.0 without requestContext.http"] = (
            () => TestEvents.HttpApiV2().With(e => e["requestContext"]!.AsObject().Remove("http")).ToJsonString(),
            NotPayloadV2),
        ["JSON null"] = (() => "null", NotPayloadV2),
        ["garbage JSON"] = (() => "{ not json", Malformed),
        ["empty input"] = (() => string.Empty, Malformed),
        ["a JSON array"] = (() => "[1, 2]", Malformed),
        ["a member of the wrong type"] = (
            () => TestEvents.HttpApiV2().With(e => e["requestContext"]!["http"] = "GET /hello").ToJsonString(),
            Malformed),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Handle_Event_ReturnsTheExactResponseObject(string name)
    {
        var (evt, expected) = Cases[name];

        var (response, _) = Invoke(evt());

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expected), response),
            $"{name}:\n expected {JsonNode.Parse(expected)!.ToJsonString()}\n actual   {response.ToJsonString()}");
    }

    [Fact]
    public void Handle_ValidEvent_LogsNothing()
    {
        var (_, log) = Invoke(TestEvents.HttpApiV2().ToJsonString());

        Assert.Empty(log);
    }

    [Theory]
    [InlineData("{ not json", "MalformedEvent")]
    [InlineData("null", "UnsupportedEvent")]
    public void Handle_BadEvent_LogsOneStructuredJsonLine(string evt, string expectedEvent)
    {
        var (_, log) = Invoke(evt);

        var entry = JsonNode.Parse(Assert.Single(Lines(log)))!;
        Assert.Equal("Error", entry["level"]!.GetValue<string>());
        Assert.Equal(expectedEvent, entry["event"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(entry["message"]!.GetValue<string>()));
    }

    [Fact]
    public void Handle_RestApiEvent_LogsItsRequestIdButNeitherTokenNorClaims()
    {
        var (_, log) = Invoke(TestEvents.RestApiV1().ToJsonString());

        var line = Assert.Single(Lines(log));
        Assert.Equal("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", JsonNode.Parse(line)!["requestId"]!.GetValue<string>());
        Assert.DoesNotContain(TestEvents.BearerToken, line, StringComparison.Ordinal);
        Assert.DoesNotContain("7744fa58", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_RouteThrows_Returns500WithoutStackTraceAndLogsOnce()
    {
        var log = new StringWriter();
        var function = new ApiFunction(log, _ => throw new InvalidOperationException("boom"));

        var response = Read(function.Handle(Utf8(TestEvents.HttpApiV2().ToJsonString())));

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$"""{ "statusCode": 500, "headers": {{Json}}, "body": "{\"message\":\"Internal Server Error\"}", "isBase64Encoded": false }"""),
            response));
        var entry = JsonNode.Parse(Assert.Single(Lines(log.ToString())))!;
        Assert.Equal("UnhandledError", entry["event"]!.GetValue<string>());
        Assert.Equal("Fq3nVhBsNjMEJ3w=", entry["requestId"]!.GetValue<string>());
        Assert.Equal(nameof(InvalidOperationException), entry["errorType"]!.GetValue<string>());
        Assert.DoesNotContain(" at ", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestEvents.BearerToken, log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new ApiFunction(TextWriter.Null).Handle(null!));
    }

    [Fact]
    public void Handle_ReturnsAStreamPositionedAtTheStart()
    {
        using var output = new ApiFunction(TextWriter.Null).Handle(Utf8(TestEvents.HttpApiV2().ToJsonString()));

        Assert.Equal(0, output.Position);
        Assert.True(output.Length > 0);
    }

    private static (JsonNode Response, string Log) Invoke(string evt)
    {
        var log = new StringWriter();
        var response = Read(new ApiFunction(log).Handle(Utf8(evt)));
        return (response, log.ToString());
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    private static JsonNode Read(Stream output)
    {
        using (output)
        {
            return JsonNode.Parse(output) ?? throw new JsonException("The function returned JSON null.");
        }
    }

    private static string[] Lines(string log) => log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

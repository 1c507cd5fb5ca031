using System.Text.Json;
using System.Text.Json.Serialization;

namespace CognitoAuth.Function;

/// <summary>
/// The part of an API Gateway HTTP API payload-2.0 event the function reads. Headers, query and body are not
/// bound: no route uses them, and an unread member cannot make an otherwise valid event fail to parse.
/// </summary>
internal sealed class HttpApiRequest
{
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("routeKey")] public string? RouteKey { get; set; }
    [JsonPropertyName("rawPath")] public string? RawPath { get; set; }
    [JsonPropertyName("requestContext")] public HttpApiRequestContext? RequestContext { get; set; }
}

internal sealed class HttpApiRequestContext
{
    [JsonPropertyName("requestId")] public string? RequestId { get; set; }
    [JsonPropertyName("http")] public HttpApiHttpDescription? Http { get; set; }
    [JsonPropertyName("authorizer")] public HttpApiAuthorizer? Authorizer { get; set; }
}

internal sealed class HttpApiHttpDescription
{
    [JsonPropertyName("method")] public string? Method { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
}

internal sealed class HttpApiAuthorizer
{
    [JsonPropertyName("jwt")] public HttpApiJwtAuthorizer? Jwt { get; set; }
}

internal sealed class HttpApiJwtAuthorizer
{
    /// <summary>API Gateway sends every claim as a string ("exp": "1787996002", arrays as "[a b]").</summary>
    [JsonPropertyName("claims")] public Dictionary<string, ClaimValue>? Claims { get; set; }
    [JsonPropertyName("scopes")] public List<string>? Scopes { get; set; }
}

/// <summary>
/// A claim value. API Gateway stringifies every claim, but a hand-built or test event may carry a raw JSON
/// number, boolean or array; those are rendered as API Gateway would rather than rejecting the event.
/// </summary>
[JsonConverter(typeof(ClaimValueConverter))]
internal readonly record struct ClaimValue(string? Text);

internal sealed class ClaimValueConverter : JsonConverter<ClaimValue>
{
    public override ClaimValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new ClaimValue(reader.GetString());
            case JsonTokenType.Null:
                return new ClaimValue(null);
            case JsonTokenType.StartArray:
                var items = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : ReadRaw(ref reader));
                }

                return new ClaimValue("[" + string.Join(' ', items) + "]");
            default:
                return new ClaimValue(ReadRaw(ref reader));
        }
    }

    public override void Write(Utf8JsonWriter writer, ClaimValue value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Text);

    private static string ReadRaw(ref Utf8JsonReader reader)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        return doc.RootElement.GetRawText();
    }
}

/// <summary>A payload-2.0 response object, the shape API Gateway maps back to HTTP.</summary>
internal sealed class HttpApiResponse
{
    private const string JsonContentType = "application/json";
    private const string TextContentType = "text/plain; charset=utf-8";

    [JsonPropertyName("statusCode")] public int StatusCode { get; init; }
    [JsonPropertyName("headers")] public Dictionary<string, string> Headers { get; init; } = [];
    [JsonPropertyName("body")] public string Body { get; init; } = string.Empty;
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }

    public static HttpApiResponse Text(int statusCode, string body) => new()
    {
        StatusCode = statusCode,
        Headers = new() { ["content-type"] = TextContentType },
        Body = body,
    };

    public static HttpApiResponse Json(int statusCode, ErrorBody body) =>
        Json(statusCode, JsonSerializer.Serialize(body, FunctionJsonContext.Default.ErrorBody));

    public static HttpApiResponse Json(int statusCode, MeBody body) =>
        Json(statusCode, JsonSerializer.Serialize(body, FunctionJsonContext.Default.MeBody));

    private static HttpApiResponse Json(int statusCode, string json) => new()
    {
        StatusCode = statusCode,
        Headers = new() { ["content-type"] = JsonContentType },
        Body = json,
    };
}

internal sealed record ErrorBody([property: JsonPropertyName("message")] string Message);

internal sealed record MeBody(
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("sub")] string? Sub,
    [property: JsonPropertyName("token_use")] string? TokenUse,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("client_id")] string? ClientId);

internal sealed record LogEntry(
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("requestId")] string? RequestId,
    [property: JsonPropertyName("errorType")] string? ErrorType,
    [property: JsonPropertyName("errorMessage")] string? ErrorMessage);

[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(MeBody))]
[JsonSerializable(typeof(LogEntry))]
internal sealed partial class FunctionJsonContext : JsonSerializerContext;

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CognitoAuth.Emulator.Hosting;
using CognitoAuth.Emulator.Tokens;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Api;

/// <summary>
/// Builds the HTTP API payload-2.0 event as API Gateway does (aws-lambda-go's
/// <c>apigw-v2-request-jwt-authorizer.json</c> is the reference shape): lower-cased headers with repeated values
/// joined by commas, cookies split out of the Cookie header, <c>rawPath</c>/<c>rawQueryString</c>, the authorizer's
/// claims each as a string (arrays as <c>"[a b]"</c>), <c>scopes</c> the token's scopes on a route with authorization scopes and null elsewhere, <c>stage: $default</c>, and the
/// body base64-encoded when it is not text.
/// </summary>
internal static class HttpApiEvent
{
    public static byte[] Build(
        HttpContext context, string routeKey, JsonWebToken? token, IReadOnlyList<string>? scopes, string apiId, string requestId, DateTimeOffset now, byte[] body,
        IReadOnlyDictionary<string, string>? pathParameters = null, string stage = HttpApi.DefaultStage, string? basePath = null)
    {
        var request = context.Request;
        var (rawPath, rawQuery) = RequestTarget.Of(context);

        // The /{apiId} prefix that tells several APIs apart on one port is the emulator's, not part of API Gateway's rawPath
        // (which does keep a named stage, as here).
        if (basePath is not null && rawPath.StartsWith(basePath, StringComparison.Ordinal))
        {
            rawPath = rawPath.Length == basePath.Length ? "/" : rawPath[basePath.Length..];
        }

        var host = request.Host.Host;

        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("version", "2.0");
            writer.WriteString("routeKey", routeKey);
            writer.WriteString("rawPath", rawPath);
            writer.WriteString("rawQueryString", rawQuery);
            WriteCookies(writer, request.Headers.Cookie);
            WriteHeaders(writer, context);
            WriteQueryParameters(writer, rawQuery);
            if (pathParameters is { Count: > 0 })
            {
                writer.WriteStartObject("pathParameters");
                foreach (var (name, value) in pathParameters)
                {
                    writer.WriteString(name, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteStartObject("requestContext");
            writer.WriteString("accountId", RandomIds.AccountId);
            writer.WriteString("apiId", apiId);
            if (token is not null)
            {
                WriteAuthorizer(writer, token, scopes);
            }

            writer.WriteString("domainName", host);
            writer.WriteString("domainPrefix", host.Split('.')[0]);
            writer.WriteStartObject("http");
            writer.WriteString("method", request.Method);
            writer.WriteString("path", rawPath);
            writer.WriteString("protocol", request.Protocol);
            writer.WriteString("sourceIp", context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
            writer.WriteString("userAgent", request.Headers.UserAgent.ToString());
            writer.WriteEndObject();
            writer.WriteString("requestId", requestId);
            writer.WriteString("routeKey", routeKey);
            writer.WriteString("stage", stage);
            writer.WriteString("time", now.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
            writer.WriteNumber("timeEpoch", now.ToUnixTimeMilliseconds());
            writer.WriteEndObject();

            var isBase64 = body.Length > 0 && !IsText(request.ContentType);
            if (body.Length > 0)
            {
                writer.WriteString("body", isBase64 ? Convert.ToBase64String(body) : Encoding.UTF8.GetString(body));
            }

            writer.WriteBoolean("isBase64Encoded", isBase64);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAuthorizer(Utf8JsonWriter writer, JsonWebToken token, IReadOnlyList<string>? scopes)
    {
        writer.WriteStartObject("authorizer");
        writer.WriteStartObject("jwt");
        writer.WriteStartObject("claims");
        foreach (var claim in token.Payload.EnumerateObject())
        {
            writer.WriteString(claim.Name, ClaimText(claim.Value));
        }

        writer.WriteEndObject();
        if (scopes is null)
        {
            writer.WriteNull("scopes");
        }
        else
        {
            writer.WriteStartArray("scopes");
            foreach (var scope in scopes)
            {
                writer.WriteStringValue(scope);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>API Gateway passes every claim as a string: numbers and booleans as their JSON text, arrays as "[a b]".</summary>
    internal static string ClaimText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => "[" + string.Join(' ', value.EnumerateArray().Select(ClaimText)) + "]",
        _ => value.GetRawText(),
    };

    private static void WriteCookies(Utf8JsonWriter writer, IEnumerable<string?> cookieHeaders)
    {
        var cookies = cookieHeaders
            .SelectMany(h => (h ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        if (cookies.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("cookies");
        foreach (var cookie in cookies)
        {
            writer.WriteStringValue(cookie);
        }

        writer.WriteEndArray();
    }

    private static void WriteHeaders(Utf8JsonWriter writer, HttpContext context)
    {
        writer.WriteStartObject("headers");
        foreach (var (name, values) in context.Request.Headers)
        {
            if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            writer.WriteString(name.ToLowerInvariant(), string.Join(',', values.ToArray()));
        }

        // What API Gateway adds in front of the function.
        writer.WriteString("x-forwarded-for", context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
        writer.WriteString("x-forwarded-port", context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("x-forwarded-proto", context.Request.Scheme);
        writer.WriteEndObject();
    }

    private static void WriteQueryParameters(Utf8JsonWriter writer, string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return;
        }

        var parameters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Unescape(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Unescape(pair[(equals + 1)..]);
            if (!parameters.TryGetValue(name, out var values))
            {
                parameters[name] = values = [];
            }

            values.Add(value);
        }

        writer.WriteStartObject("queryStringParameters");
        foreach (var (name, values) in parameters)
        {
            writer.WriteString(name, string.Join(',', values));
        }

        writer.WriteEndObject();
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private static bool IsText(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType.StartsWith("text/", StringComparison.Ordinal)
            || mediaType.EndsWith("/json", StringComparison.Ordinal) || mediaType.EndsWith("+json", StringComparison.Ordinal)
            || mediaType.EndsWith("/xml", StringComparison.Ordinal) || mediaType.EndsWith("+xml", StringComparison.Ordinal)
            || mediaType is "application/javascript" or "application/x-www-form-urlencoded";
    }
}

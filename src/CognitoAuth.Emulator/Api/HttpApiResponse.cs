using System.Text;
using System.Text.Json;

namespace CognitoAuth.Emulator.Api;

/// <summary>
/// A function's payload-2.0 answer, mapped back to HTTP as API Gateway maps it: an object with
/// <c>statusCode</c> gives the status, <c>headers</c>, <c>cookies</c> (as Set-Cookie) and <c>body</c> (decoded when
/// <c>isBase64Encoded</c>); any other JSON value becomes a 200 <c>application/json</c> body.
/// </summary>
internal sealed class HttpApiResponse
{
    private HttpApiResponse(int statusCode, IReadOnlyList<KeyValuePair<string, string>> headers, IReadOnlyList<string> cookies, byte[] body)
    {
        StatusCode = statusCode;
        Headers = headers;
        Cookies = cookies;
        Body = body;
    }

    public int StatusCode { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public IReadOnlyList<string> Cookies { get; }

    public byte[] Body { get; }

    /// <summary>Maps the function's output, or returns <see langword="null"/> with the reason when API Gateway could not.</summary>
    public static HttpApiResponse? TryMap(byte[] output, out string? problem)
    {
        problem = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            problem = "the output is not JSON";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var status))
            {
                return new HttpApiResponse(200, [new("content-type", "application/json")], [], output);
            }

            if (!TryStatus(status, out var statusCode))
            {
                problem = "statusCode is not an HTTP status code";
                return null;
            }

            var headers = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("headers", out var headerObject) && headerObject.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in headerObject.EnumerateObject())
                {
                    headers.Add(new(header.Name, header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText()));
                }
            }

            if (!headers.Any(h => h.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(new("content-type", "text/plain; charset=utf-8"));
            }

            var cookies = root.TryGetProperty("cookies", out var cookieArray) && cookieArray.ValueKind == JsonValueKind.Array
                ? cookieArray.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToList()
                : [];

            var text = root.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind == JsonValueKind.String ? bodyElement.GetString()! : string.Empty;
            var isBase64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
            byte[] body;
            try
            {
                body = isBase64 ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
            }
            catch (FormatException)
            {
                problem = "isBase64Encoded is true but the body is not base64";
                return null;
            }

            return new HttpApiResponse(statusCode, headers, cookies, body);
        }
    }

    private static bool TryStatus(JsonElement status, out int statusCode)
    {
        statusCode = 0;
        var parsed = status.ValueKind switch
        {
            JsonValueKind.Number => status.TryGetInt32(out statusCode),
            JsonValueKind.String => int.TryParse(status.GetString(), System.Globalization.CultureInfo.InvariantCulture, out statusCode),
            _ => false,
        };
        return parsed && statusCode is >= 100 and <= 599;
    }
}

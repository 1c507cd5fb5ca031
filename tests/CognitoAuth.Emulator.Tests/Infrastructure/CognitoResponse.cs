using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>What the Cognito endpoint answered: status, headers and the parsed JSON body.</summary>
internal sealed record CognitoResponse(HttpStatusCode StatusCode, HttpResponseHeaders Headers, string? ContentType, string Text)
{
    public JsonElement Json => Text.Length == 0 ? default : JsonDocument.Parse(Text).RootElement;

    public string? ErrorType => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("__type", out var type) ? type.GetString() : null;

    public string? Message => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("message", out var message) ? message.GetString() : null;

    public string Get(params string[] path)
    {
        var element = Json;
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return element.GetString()!;
    }

    /// <summary>Asserts an AWS-style error: status, <c>__type</c>, <c>x-amzn-ErrorType</c> and (when given) the exact message.</summary>
    public void AssertError(string errorType, string? message = null, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.True(StatusCode == status, $"expected {(int)status} {errorType}, got {(int)StatusCode}: {Text}");
        Assert.Equal(errorType, ErrorType);
        Assert.Equal(errorType, Assert.Single(Headers.GetValues("x-amzn-ErrorType")));
        Assert.False(string.IsNullOrEmpty(Message));
        if (message is not null)
        {
            Assert.Equal(message, Message);
        }

        AssertNoStackTrace(Text);
    }

    /// <summary>A stack trace reads "   at Type.Method(...) in File.cs:line N"; an AWS error body never does.</summary>
    public static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", text, StringComparison.Ordinal);
    }

    public void AssertOk()
    {
        Assert.True(StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)StatusCode}: {Text}");
        Assert.Equal("application/x-amz-json-1.1", ContentType);
    }
}

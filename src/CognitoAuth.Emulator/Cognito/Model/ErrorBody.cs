using System.Text.Json.Serialization;

namespace CognitoAuth.Emulator.Cognito.Model;

/// <summary>AWS's JSON error body: <c>{"__type": "NotAuthorizedException", "message": "…"}</c>.</summary>
internal sealed class ErrorBody
{
    [JsonPropertyName("__type")]
    public string? Type { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

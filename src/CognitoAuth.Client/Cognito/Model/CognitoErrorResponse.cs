using System.Text.Json.Serialization;

namespace CognitoAuth.Client.Cognito.Model;

/// <summary>
/// An error body: <c>{"__type":"NotAuthorizedException","message":"…"}</c>. <c>__type</c> may carry a
/// prefix up to <c>#</c>, and the message key may be <c>message</c> or <c>Message</c>.
/// </summary>
internal sealed class CognitoErrorResponse
{
    [JsonPropertyName("__type")]
    public string? Type { get; init; }

    [JsonPropertyName("message")]
    public string? LowerCaseMessage { get; init; }

    [JsonPropertyName("Message")]
    public string? UpperCaseMessage { get; init; }

    /// <summary>The error code without any namespace prefix (botocore strips everything up to <c>#</c>).</summary>
    [JsonIgnore]
    public string? Code => Type is null ? null : SanitizeCode(Type);

    [JsonIgnore]
    public string? Message => LowerCaseMessage ?? UpperCaseMessage;

    /// <summary>
    /// Reduces an error type to its bare code: drops a namespace up to <c>#</c> and, as the awsJson protocols allow,
    /// a suffix from <c>:</c> (e.g. <c>aws.cognito#TooManyRequestsException:http://internal.amazon.com/coral/…</c>).
    /// </summary>
    public static string SanitizeCode(string type)
    {
        var colon = type.IndexOf(':', StringComparison.Ordinal);
        var code = colon < 0 ? type : type[..colon];
        return code[(code.LastIndexOf('#') + 1)..];
    }
}

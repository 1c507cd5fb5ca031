using System.Text.Json.Serialization;

namespace CognitoAuth.Client.Cognito.Model;

/// <summary>botocore shape <c>UserType</c>. Timestamps travel as epoch seconds in the JSON protocol.</summary>
internal sealed class UserType
{
    public string? Username { get; init; }
    public List<AttributeType>? Attributes { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? UserCreateDate { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? UserLastModifiedDate { get; init; }
    public bool? Enabled { get; init; }

    /// <summary>e.g. <c>FORCE_CHANGE_PASSWORD</c>, <c>CONFIRMED</c>.</summary>
    public string? UserStatus { get; init; }
}

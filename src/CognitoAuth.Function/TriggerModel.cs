using System.Text.Json.Serialization;

namespace CognitoAuth.Function;

/// <summary>The part of a pre token generation event the reader-scope trigger reads (Cognito's member names).</summary>
internal sealed class PreTokenGenerationEvent
{
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("triggerSource")] public string? TriggerSource { get; set; }
    [JsonPropertyName("request")] public PreTokenGenerationRequest? Request { get; set; }
}

internal sealed class PreTokenGenerationRequest
{
    [JsonPropertyName("groupConfiguration")] public GroupConfiguration? GroupConfiguration { get; set; }
}

internal sealed class GroupConfiguration
{
    [JsonPropertyName("groupsToOverride")] public List<string>? GroupsToOverride { get; set; }
}

/// <summary>The answer of a version 2/3 event: only what the trigger sets is written.</summary>
internal sealed class PreTokenGenerationResponse
{
    [JsonPropertyName("claimsAndScopeOverrideDetails")] public ClaimsAndScopeOverrideDetails? ClaimsAndScopeOverrideDetails { get; set; }
}

internal sealed class ClaimsAndScopeOverrideDetails
{
    [JsonPropertyName("accessTokenGeneration")] public AccessTokenGeneration? AccessTokenGeneration { get; set; }
}

internal sealed class AccessTokenGeneration
{
    [JsonPropertyName("scopesToAdd")] public List<string>? ScopesToAdd { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PreTokenGenerationEvent))]
[JsonSerializable(typeof(PreTokenGenerationResponse))]
internal sealed partial class TriggerJsonContext : JsonSerializerContext;

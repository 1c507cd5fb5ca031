using System.Text.Json.Serialization;

namespace CognitoAuth.Client.Tokens;

/// <summary>The token file cache's content: a format version, and the token sets by store key. <see cref="ToString"/> shows no token.</summary>
internal sealed class TokenFile
{
    /// <summary>The format this client writes; a file of another version is not read (it counts as empty).</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("entries")]
    public Dictionary<string, CognitoTokenSet> Entries { get; init; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"TokenFile {{ Version = {Version}, Entries = {Entries.Count} }}";
}

/// <summary>Source-generated serialization of the token file: no reflection, trimming- and AOT-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenFile))]
internal sealed partial class TokenFileJsonContext : JsonSerializerContext;

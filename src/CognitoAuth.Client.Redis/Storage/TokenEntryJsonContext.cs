using System.Text.Json.Serialization;

namespace CognitoAuth.Client.Redis.Storage;

/// <summary>The plaintext of an entry, serialized without reflection (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CognitoTokenSet))]
internal sealed partial class TokenEntryJsonContext : JsonSerializerContext;

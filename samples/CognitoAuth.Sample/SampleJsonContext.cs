using System.Text.Json;
using System.Text.Json.Serialization;

namespace CognitoAuth.Sample;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Triggers;

/// <summary>Events and answers as JSON bytes: written compactly, read strictly (one JSON value, nothing after it).</summary>
internal static class TriggerJson
{
    public static byte[] ToBytes(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.Compact))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The answer as JSON, or <see langword="false"/> when it is not JSON at all.</summary>
    public static bool TryParse(byte[] answer, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(answer);
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace CognitoAuth.Client.Cognito.Model;

/// <summary>The JSON 1.1 protocol's timestamp format: seconds since the Unix epoch, possibly fractional.</summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number => DateTimeOffset.UnixEpoch.AddTicks((long)(reader.GetDouble() * TimeSpan.TicksPerSecond)),
            _ => throw new JsonException("Expected a timestamp in epoch seconds."),
        };

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteNumberValue((value.Value - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond);
    }
}

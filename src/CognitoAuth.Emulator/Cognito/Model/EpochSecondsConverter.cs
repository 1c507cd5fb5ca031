using System.Text.Json;
using System.Text.Json.Serialization;

namespace CognitoAuth.Emulator.Cognito.Model;

/// <summary>
/// JSON 1.1 timestamps: epoch seconds as a number with millisecond fractions (<c>1714000000.123</c>), as Cognito
/// sends <c>UserCreateDate</c>.
/// </summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(reader.GetDecimal() * 1000m));

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000m);
}

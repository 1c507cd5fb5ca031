using System.Text.Json.Serialization;
using CognitoAuth.Emulator.Cognito.Model;

namespace CognitoAuth.Emulator.Persistence;

/// <summary>Source-generated serialization of the data directory's state file.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)],
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(StateEnvelope))]
[JsonSerializable(typeof(EmulatorState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;

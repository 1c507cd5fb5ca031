using System.Text.Json.Serialization;

namespace CognitoAuth.Emulator.SignIn;

/// <summary>The JSON the engine writes into challenge parameters (Cognito sends some as JSON in a string).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SignInJsonContext : JsonSerializerContext;

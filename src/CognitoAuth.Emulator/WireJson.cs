using System.Text.Encodings.Web;
using System.Text.Json;

namespace CognitoAuth.Emulator;

/// <summary>
/// How the emulator writes JSON that other software reads byte for byte (tokens, JWKS, events, outputs): AWS
/// writes <c>+</c>, <c>/</c> and <c>&lt;</c> as they are, where the default encoder would escape them.
/// </summary>
internal static class WireJson
{
    public static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };
}

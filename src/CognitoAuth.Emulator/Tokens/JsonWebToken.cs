using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CognitoAuth.Emulator.Tokens;

/// <summary>
/// A compact JWS split into its parts and decoded, not yet trusted: callers check the algorithm, the key and the
/// claims by their own rules (API Gateway's authorizer, Cognito's token checks).
/// </summary>
internal sealed class JsonWebToken
{
    private readonly byte[] _signingInput;
    private readonly byte[] _signature;

    private JsonWebToken(JsonElement header, JsonElement payload, byte[] signingInput, byte[] signature)
    {
        Header = header;
        Payload = payload;
        _signingInput = signingInput;
        _signature = signature;
    }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    public string? Algorithm => HeaderString("alg");

    public string? KeyId => HeaderString("kid");

    /// <summary>Splits and decodes a token; <see langword="null"/> when it is not three base64url parts holding JSON objects.</summary>
    public static JsonWebToken? TryParse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return null;
        }

        try
        {
            var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
            var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
            if (header.ValueKind != JsonValueKind.Object || payload.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var signature = Base64Url.DecodeFromChars(parts[2]);
            return new JsonWebToken(header, payload, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Verifies the signature with an RSA public key under an RSA algorithm (RS256, RS384 or RS512).</summary>
    public bool VerifyRsa(RSA key, string algorithm)
    {
        HashAlgorithmName? hash = algorithm switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => null,
        };
        return hash is { } name && _signature.Length > 0 && key.VerifyData(_signingInput, _signature, name, RSASignaturePadding.Pkcs1);
    }

    public string? ClaimString(string name) =>
        Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A NumericDate claim (seconds since the epoch), or <see langword="null"/> when absent or not a number.</summary>
    public DateTimeOffset? ClaimTime(string name) =>
        Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
            && seconds is >= 0 and < 253402300800
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    public bool HasClaim(string name) => Payload.TryGetProperty(name, out _);

    private string? HeaderString(string name) =>
        Header.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>Reads and forges compact JWTs for the authorizer's attack table.</summary>
internal static class TokenForge
{
    public static JsonObject Header(string token) => Part(token, 0);

    public static JsonObject Payload(string token) => Part(token, 1);

    public static string SignRsa(RSA key, JsonObject header, JsonObject payload, HashAlgorithmName? hash = null)
    {
        var input = Encode(header) + "." + Encode(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), hash ?? HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64Url.EncodeToString(signature);
    }

    public static string SignHmac(byte[] secret, JsonObject header, JsonObject payload)
    {
        var input = Encode(header) + "." + Encode(payload);
        return input + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    public static string Unsigned(JsonObject header, JsonObject payload) => Encode(header) + "." + Encode(payload) + ".";

    /// <summary>Replaces the payload of a signed token and keeps its signature (a tampered token).</summary>
    public static string WithPayload(string token, JsonObject payload)
    {
        var parts = token.Split('.');
        return parts[0] + "." + Encode(payload) + "." + parts[2];
    }

    public static string Encode(JsonNode node) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(node.ToJsonString()));

    private static JsonObject Part(string token, int index) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]))!.AsObject();
}

/// <summary>A PEM file of a fresh RSA key, deleted with the instance: the emulator signs with it, the tests forge with it.</summary>
internal sealed class TestSigningKey : IDisposable
{
    public TestSigningKey()
    {
        Rsa = RSA.Create(2048);
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"emulator-key-{Guid.NewGuid():N}.pem");
        File.WriteAllText(Path, Rsa.ExportPkcs8PrivateKeyPem());
    }

    public RSA Rsa { get; }

    public string Path { get; }

    public void Dispose()
    {
        File.Delete(Path);
        Rsa.Dispose();
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject With(this JsonObject source, string name, JsonNode? value)
    {
        var copy = JsonNode.Parse(source.ToJsonString())!.AsObject();
        copy[name] = value;
        return copy;
    }

    public static JsonObject Without(this JsonObject source, string name)
    {
        var copy = JsonNode.Parse(source.ToJsonString())!.AsObject();
        copy.Remove(name);
        return copy;
    }

    public static long Seconds(this JsonObject source, string name) => source[name]!.GetValue<long>();

    public static string Text(this JsonObject source, string name) => source[name]!.GetValue<string>();

    public static JsonElement ToElement(this JsonObject source) => JsonDocument.Parse(source.ToJsonString()).RootElement;
}

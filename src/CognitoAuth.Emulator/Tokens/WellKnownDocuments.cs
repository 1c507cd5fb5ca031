using System.Buffers;
using System.Text.Json;

namespace CognitoAuth.Emulator.Tokens;

/// <summary>
/// The pool's <c>/.well-known/jwks.json</c> and <c>/.well-known/openid-configuration</c>, built once at start.
/// The discovery document lists what a pool without a hosted-UI domain can serve: no authorization, token or
/// userinfo endpoints.
/// </summary>
internal sealed class WellKnownDocuments
{
    public WellKnownDocuments(string issuer, SigningKey key)
    {
        Jwks = Write(writer =>
        {
            writer.WriteStartArray("keys");
            key.WriteJwk(writer);
            writer.WriteEndArray();
        });

        OpenIdConfiguration = Write(writer =>
        {
            writer.WriteStartArray("id_token_signing_alg_values_supported");
            writer.WriteStringValue("RS256");
            writer.WriteEndArray();
            writer.WriteString("issuer", issuer);
            writer.WriteString("jwks_uri", issuer + "/.well-known/jwks.json");
            WriteArray(writer, "response_types_supported", "code", "token");
            WriteArray(writer, "scopes_supported", "openid", "email", "phone", "profile");
            WriteArray(writer, "subject_types_supported", "public");
            WriteArray(writer, "token_endpoint_auth_methods_supported", "client_secret_basic", "client_secret_post");
        });
    }

    /// <summary>UTF-8 JSON of the key set.</summary>
    public byte[] Jwks { get; }

    /// <summary>UTF-8 JSON of the OpenID Connect discovery document.</summary>
    public byte[] OpenIdConfiguration { get; }

    private static byte[] Write(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.Compact))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, params string[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}

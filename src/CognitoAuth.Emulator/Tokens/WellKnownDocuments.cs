using System.Buffers;
using System.Text.Json;

namespace CognitoAuth.Emulator.Tokens;

/// <summary>
/// A pool's <c>/.well-known/jwks.json</c> and <c>/.well-known/openid-configuration</c>. The discovery document names the
/// issuer the tokens carry, the JWKS where the emulator serves it (locally, whatever the issuer), and the token endpoint
/// once the pool has a domain; the emulator serves no authorization or userinfo endpoint, so it lists none.
/// </summary>
internal static class WellKnownDocuments
{
    /// <summary>UTF-8 JSON of the key set.</summary>
    public static byte[] Jwks(SigningKey key) => Write(writer =>
    {
        writer.WriteStartArray("keys");
        key.WriteJwk(writer);
        writer.WriteEndArray();
    });

    /// <summary>UTF-8 JSON of the OpenID Connect discovery document.</summary>
    public static byte[] OpenIdConfiguration(string issuer, string jwksUri, string? tokenEndpoint) => Write(writer =>
    {
        writer.WriteStartArray("id_token_signing_alg_values_supported");
        writer.WriteStringValue("RS256");
        writer.WriteEndArray();
        writer.WriteString("issuer", issuer);
        writer.WriteString("jwks_uri", jwksUri);
        WriteArray(writer, "response_types_supported", "code", "token");
        WriteArray(writer, "scopes_supported", "openid", "email", "phone", "profile");
        WriteArray(writer, "subject_types_supported", "public");
        if (tokenEndpoint is not null)
        {
            writer.WriteString("token_endpoint", tokenEndpoint);
        }

        WriteArray(writer, "token_endpoint_auth_methods_supported", "client_secret_basic", "client_secret_post");
    });

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

using System.Buffers;
using System.Text.Json;

namespace CognitoAuth.Emulator.Tokens;

/// <summary>
/// A pool's <c>/.well-known/jwks.json</c> and <c>/.well-known/openid-configuration</c>. The discovery document names the
/// issuer the tokens carry, the JWKS where the emulator serves it (locally, whatever the issuer), and, once the pool has a
/// domain, the pool domain's endpoints, with the members (in the alphabetical order) of Cognito's own document: since
/// February 2024 it also names <c>end_session_endpoint</c> (<c>/logout</c>, which takes Cognito's <c>logout_uri</c>, not
/// OpenID's <c>post_logout_redirect_uri</c>) and <c>revocation_endpoint</c> — a captured document in localstack/localstack
/// #12914; swisstopo/swissgeol-boreholes-suite #1066 dates the change.
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
    /// <param name="issuer">The pool's issuer.</param>
    /// <param name="jwksUri">Where the pool's keys are served.</param>
    /// <param name="domainEndpoint">The pool domain's base URL (ending with <c>/</c>), or <see langword="null"/> without a domain.</param>
    public static byte[] OpenIdConfiguration(string issuer, string jwksUri, string? domainEndpoint) => Write(writer =>
    {
        if (domainEndpoint is not null)
        {
            writer.WriteString("authorization_endpoint", domainEndpoint + "oauth2/authorize");
            writer.WriteString("end_session_endpoint", domainEndpoint + "logout");
        }

        writer.WriteStartArray("id_token_signing_alg_values_supported");
        writer.WriteStringValue("RS256");
        writer.WriteEndArray();
        writer.WriteString("issuer", issuer);
        writer.WriteString("jwks_uri", jwksUri);
        WriteArray(writer, "response_types_supported", "code", "token");
        if (domainEndpoint is not null)
        {
            writer.WriteString("revocation_endpoint", domainEndpoint + "oauth2/revoke");
        }

        WriteArray(writer, "scopes_supported", "openid", "email", "phone", "profile");
        WriteArray(writer, "subject_types_supported", "public");
        if (domainEndpoint is not null)
        {
            writer.WriteString("token_endpoint", domainEndpoint + "oauth2/token");
        }

        WriteArray(writer, "token_endpoint_auth_methods_supported", "client_secret_basic", "client_secret_post");
        if (domainEndpoint is not null)
        {
            writer.WriteString("userinfo_endpoint", domainEndpoint + "oauth2/userInfo");
        }
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

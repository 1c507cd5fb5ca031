using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Local;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Tokens;

/// <summary>
/// Issues access and ID tokens with Cognito's claim sets, in Cognito's claim order, signed RS256 with the pool's
/// key. The header is exactly <c>{"kid": …, "alg": "RS256"}</c>, as Cognito's. Tokens of a managed-login sign-in (the
/// authorization code grant) have that flow's shape: the access token carries the granted <c>scope</c> and
/// <c>version: 2</c> and no <c>event_id</c>; the ID token <c>at_hash</c> and the authorize request's <c>nonce</c>. Each
/// token's header and claims (never its signature) go to the <see cref="IssuedTokenLog"/> for the local page. A
/// <see cref="TokenCustomization"/> (a pre token generation trigger's answer) is applied to the claims built, before
/// signing; without one the claims are written straight to the payload.
/// </summary>
internal sealed class TokenIssuer(SigningKey key, string issuer, string poolId, IssuedTokenLog? log = null, TimeProvider? time = null)
{
    public const string AccessScope = "aws.cognito.signin.user.admin";

    // Cognito's boolean attributes become JSON booleans in the ID token.
    private static readonly HashSet<string> BooleanAttributes = new(StringComparer.Ordinal) { "email_verified", "phone_number_verified" };

    public string Issuer { get; } = issuer;

    public SigningKey Key { get; } = key;

    public string CreateAccessToken(SignInEvent signIn, IReadOnlyList<string> groups, DateTimeOffset issuedAt, TimeSpan validity, TokenCustomization? customization = null) =>
        signIn.Scopes is { } scopes ? CreateManagedLoginAccessToken(signIn, scopes, groups, issuedAt, validity, customization) : Sign(customization is null ? null : customization.ApplyToAccessToken, writer =>
        {
            writer.WriteString("sub", signIn.Sub);
            WriteGroups(writer, groups);

            // A pool that remembers devices names the sign-in's device, as Cognito's access tokens do (after sub).
            if (signIn.DeviceKey is { } deviceKey)
            {
                writer.WriteString("device_key", deviceKey);
            }

            writer.WriteString("iss", Issuer);
            writer.WriteString("client_id", signIn.ClientId);
            writer.WriteString("origin_jti", signIn.OriginJti);
            writer.WriteString("event_id", signIn.EventId);
            writer.WriteString("token_use", "access");
            writer.WriteString("scope", AccessScope);
            writer.WriteNumber("auth_time", signIn.AuthTime.ToUnixTimeSeconds());
            writer.WriteNumber("exp", (issuedAt + validity).ToUnixTimeSeconds());
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteString("jti", Guid.NewGuid().ToString());
            writer.WriteString("username", signIn.Username);
        });

    /// <summary>
    /// An ID token. For a managed-login sign-in, <paramref name="accessToken"/> (the access token issued with it) gives
    /// <c>at_hash</c>, and <paramref name="nonce"/> is the authorize request's (absent on a refresh, as OpenID Connect allows).
    /// </summary>
    public string CreateIdToken(
        SignInEvent signIn, IReadOnlyList<KeyValuePair<string, string>> attributes, IReadOnlyList<string> groups, DateTimeOffset issuedAt, TimeSpan validity,
        string? accessToken = null, string? nonce = null, TokenCustomization? customization = null) =>
        Sign(customization is null ? null : customization.ApplyToIdToken, writer =>
        {
            if (signIn.IsOAuth && accessToken is not null)
            {
                writer.WriteString("at_hash", AccessTokenHash(accessToken));
            }

            writer.WriteString("sub", signIn.Sub);
            WriteGroups(writer, groups);
            foreach (var (name, value) in attributes)
            {
                if (name is "sub" or "email")
                {
                    continue;
                }

                if (BooleanAttributes.Contains(name) && bool.TryParse(value, out var flag))
                {
                    writer.WriteBoolean(name, flag);
                }
                else
                {
                    writer.WriteString(name, value);
                }
            }

            writer.WriteString("iss", Issuer);
            writer.WriteString("cognito:username", signIn.Username);
            if (nonce is not null)
            {
                writer.WriteString("nonce", nonce);
            }

            writer.WriteString("origin_jti", signIn.OriginJti);
            writer.WriteString("aud", signIn.ClientId);
            if (!signIn.IsOAuth)
            {
                writer.WriteString("event_id", signIn.EventId);
            }

            writer.WriteString("token_use", "id");
            writer.WriteNumber("auth_time", signIn.AuthTime.ToUnixTimeSeconds());
            writer.WriteNumber("exp", (issuedAt + validity).ToUnixTimeSeconds());
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteString("jti", Guid.NewGuid().ToString());
            foreach (var (name, value) in attributes)
            {
                if (name == "email")
                {
                    writer.WriteString(name, value);
                }
            }
        });

    /// <summary>
    /// A machine access token of the client-credentials grant, with the claims (and in the order) of Cognito's: no
    /// <c>username</c>, no <c>aud</c>, <c>sub</c> = <c>client_id</c>, <c>version</c> 2.
    /// </summary>
    public string CreateClientCredentialsToken(string clientId, IReadOnlyList<string> scopes, DateTimeOffset issuedAt, TimeSpan validity, TokenCustomization? customization = null) =>
        Sign(customization is null ? null : customization.ApplyToAccessToken, writer =>
        {
            writer.WriteString("sub", clientId);
            writer.WriteString("token_use", "access");
            writer.WriteString("scope", string.Join(' ', scopes));
            writer.WriteNumber("auth_time", issuedAt.ToUnixTimeSeconds());
            writer.WriteString("iss", Issuer);
            writer.WriteNumber("exp", (issuedAt + validity).ToUnixTimeSeconds());
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("version", 2);
            writer.WriteString("jti", Guid.NewGuid().ToString());
            writer.WriteString("client_id", clientId);
        });

    /// <summary>OpenID Connect's <c>at_hash</c>: base64url of the left half of SHA-256 over the access token's ASCII.</summary>
    public static string AccessTokenHash(string accessToken) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16));

    /// <summary>
    /// The managed login's access token, in the order Cognito's carry their claims: the granted scopes in <c>scope</c>,
    /// <c>version: 2</c> after <c>iss</c>, no <c>event_id</c>.
    /// </summary>
    private string CreateManagedLoginAccessToken(
        SignInEvent signIn, IReadOnlyList<string> scopes, IReadOnlyList<string> groups, DateTimeOffset issuedAt, TimeSpan validity, TokenCustomization? customization) =>
        Sign(customization is null ? null : customization.ApplyToAccessToken, writer =>
        {
            writer.WriteString("sub", signIn.Sub);
            WriteGroups(writer, groups);
            writer.WriteString("iss", Issuer);
            writer.WriteNumber("version", 2);
            writer.WriteString("client_id", signIn.ClientId);
            writer.WriteString("origin_jti", signIn.OriginJti);
            writer.WriteString("token_use", "access");
            writer.WriteString("scope", string.Join(' ', scopes));
            writer.WriteNumber("auth_time", signIn.AuthTime.ToUnixTimeSeconds());
            writer.WriteNumber("exp", (issuedAt + validity).ToUnixTimeSeconds());
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteString("jti", Guid.NewGuid().ToString());
            writer.WriteString("username", signIn.Username);
        });

    private static void WriteGroups(Utf8JsonWriter writer, IReadOnlyList<string> groups)
    {
        if (groups.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("cognito:groups");
        foreach (var group in groups)
        {
            writer.WriteStringValue(group);
        }

        writer.WriteEndArray();
    }

    private string Sign(Action<JsonObject>? customize, Action<Utf8JsonWriter> writeClaims)
    {
        var header = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(header, WireJson.Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("kid", Key.KeyId);
            writer.WriteString("alg", "RS256");
            writer.WriteEndObject();
        }

        var payload = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(payload, WireJson.Compact))
        {
            writer.WriteStartObject();
            writeClaims(writer);
            writer.WriteEndObject();
        }

        if (customize is not null)
        {
            // The trigger's changes work on the claims as built, so untouched claims keep Cognito's order.
            var claims = JsonNode.Parse(payload.WrittenSpan)!.AsObject();
            customize(claims);
            payload.ResetWrittenCount();
            using var writer = new Utf8JsonWriter(payload, WireJson.Compact);
            claims.WriteTo(writer);
        }

        log?.Record(poolId, header.WrittenSpan, payload.WrittenSpan, (time ?? TimeProvider.System).GetUtcNow());
        var signingInput = Base64Url.EncodeToString(header.WrittenSpan) + "." + Base64Url.EncodeToString(payload.WrittenSpan);
        var signature = Key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}

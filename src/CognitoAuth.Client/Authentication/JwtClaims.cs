using System.Text.Json;

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// Reads one string claim from a JWT payload without validating the token: the client only needs to know what Cognito
/// put there (its own tokens, received over TLS); the API validates them.
/// </summary>
internal static class JwtClaims
{
    /// <summary>Cognito's user name: the access token's <c>username</c>, else the ID token's <c>cognito:username</c>.</summary>
    public static string? CognitoUsername(string? accessToken, string? idToken) =>
        ReadString(accessToken, "username") ?? ReadString(idToken, "cognito:username");

    /// <summary>The string value of <paramref name="claim"/> in the payload of <paramref name="jwt"/>, or <see langword="null"/>.</summary>
    public static string? ReadString(string? jwt, string claim)
    {
        var payload = Payload(jwt);
        if (payload is null)
        {
            return null;
        }

        var reader = new Utf8JsonReader(payload);
        return Seek(ref reader, claim) && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    /// <summary>Whether <paramref name="jwt"/>'s <c>aud</c> is <paramref name="audience"/>, or an array holding it (OIDC Core §2).</summary>
    public static bool HasAudience(string? jwt, string audience)
    {
        var payload = Payload(jwt);
        if (payload is null)
        {
            return false;
        }

        var reader = new Utf8JsonReader(payload);
        if (!Seek(ref reader, "aud"))
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueTextEquals(audience);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(audience))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON past this point: no audience.
        }

        return false;
    }

    /// <summary>The integer value of <paramref name="claim"/> (e.g. <c>exp</c>) in the payload of <paramref name="jwt"/>, or <see langword="null"/>.</summary>
    public static long? ReadInt64(string? jwt, string claim)
    {
        var payload = Payload(jwt);
        if (payload is null)
        {
            return null;
        }

        var reader = new Utf8JsonReader(payload);
        return Seek(ref reader, claim) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null;
    }

    /// <summary>
    /// The token's lifetime, <c>exp</c> minus <c>iat</c>: for endpoints that omit <c>ExpiresIn</c> (botocore marks it optional).
    /// A difference of the token's own two times, so it does not depend on the issuer's clock agreeing with ours.
    /// </summary>
    public static TimeSpan? Lifetime(string? jwt) =>
        ReadInt64(jwt, "exp") is { } exp && ReadInt64(jwt, "iat") is { } iat && exp > iat ? TimeSpan.FromSeconds(exp - iat) : null;

    private static byte[]? Payload(string? jwt)
    {
        if (jwt is null)
        {
            return null;
        }

        var start = jwt.IndexOf('.', StringComparison.Ordinal) + 1;
        var end = start == 0 ? -1 : jwt.IndexOf('.', start);
        return end < 0 ? null : DecodeBase64Url(jwt.AsSpan(start, end - start));
    }

    // Base64Url (System.Buffers.Text) is not in net8.0: translate to standard base64 instead. Not a hot path.
    private static byte[]? DecodeBase64Url(ReadOnlySpan<char> encoded)
    {
        var padded = new char[(encoded.Length + 3) / 4 * 4];
        for (var i = 0; i < padded.Length; i++)
        {
            padded[i] = i >= encoded.Length ? '=' : encoded[i] switch { '-' => '+', '_' => '/', var c => c };
        }

        var bytes = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64Chars(padded, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary>Moves <paramref name="reader"/> onto the value of the top-level property <paramref name="claim"/>.</summary>
    private static bool Seek(ref Utf8JsonReader reader, string claim)
    {
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(claim);
                reader.Read();
                if (match)
                {
                    return true;
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

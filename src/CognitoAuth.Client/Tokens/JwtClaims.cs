using System.Text.Json;

namespace CognitoAuth.Client.Tokens;

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
        if (jwt is null)
        {
            return null;
        }

        var start = jwt.IndexOf('.', StringComparison.Ordinal) + 1;
        var end = start == 0 ? -1 : jwt.IndexOf('.', start);
        if (end < 0)
        {
            return null;
        }

        var payload = DecodeBase64Url(jwt.AsSpan(start, end - start));
        return payload is null ? null : FindString(payload, claim);
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

    private static string? FindString(ReadOnlySpan<byte> json, string claim)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(claim);
                reader.Read();
                if (match)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

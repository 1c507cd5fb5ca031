using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CognitoAuth.Client;

namespace CognitoAuth.Sample;

/// <summary>Describes a token set without revealing it: expiry, and a few claims read from the (unverified) JWT payload.</summary>
internal static class TokenDescription
{
    private static readonly string[] ShownClaims = ["token_use", "sub", "username", "cognito:username", "client_id", "aud", "scope", "iss"];

    public static string Describe(CognitoTokenSet tokens, TimeProvider clock, bool show)
    {
        var now = clock.GetUtcNow();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"issued at     {tokens.IssuedAt:u}");
        text.AppendLine(CultureInfo.InvariantCulture, $"expires at    {tokens.ExpiresAt:u} (in {Remaining(tokens.ExpiresAt - now)})");
        text.AppendLine(CultureInfo.InvariantCulture, $"refresh token {(tokens.RefreshToken is null ? "none" : "held")}");
        Append(text, "access token", tokens.AccessToken, show);
        if (tokens.IdToken is not null)
        {
            Append(text, "id token", tokens.IdToken, show);
        }

        return text.ToString().TrimEnd();
    }

    private static void Append(StringBuilder text, string label, string jwt, bool show)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"{label}:");
        foreach (var (name, value) in Claims(jwt))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-17} {value}");
        }

        text.AppendLine(show ? $"  {"token",-17} {jwt}" : $"  {"token",-17} (hidden; --show prints it)");
    }

    private static IEnumerable<(string Name, string Value)> Claims(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length < 2)
        {
            yield break;
        }

        JsonElement payload;
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            payload = document.RootElement.Clone();
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            yield break;
        }

        foreach (var name in ShownClaims)
        {
            if (payload.TryGetProperty(name, out var value))
            {
                yield return (name, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
            }
        }
    }

    private static string Remaining(TimeSpan span) =>
        span <= TimeSpan.Zero ? "expired" : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes:00}m" : $"{span.Minutes}m {span.Seconds:00}s";
}

using System.Buffers.Text;
using System.Text.Json;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>Reads a JWT's payload without validating it (the peers validate; the tests only look).</summary>
internal static class Jwt
{
    public static JsonElement Payload(string token)
    {
        var parts = token.Split('.');
        Assert.True(parts.Length == 3, "not a JWT");
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        return document.RootElement.Clone();
    }

    public static string Claim(string token, string name) => Payload(token).GetProperty(name).ToString();
}

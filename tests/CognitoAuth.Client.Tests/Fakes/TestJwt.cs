using System.Text;
using System.Text.Json;

namespace CognitoAuth.Client.Tests.Fakes;

/// <summary>JWT-shaped strings (header.payload.signature, base64url) for tests: the client reads claims but never validates.</summary>
internal static class TestJwt
{
    public static string Create(Dictionary<string, object> claims) =>
        $"{Encode("{\"kid\":\"test\",\"alg\":\"RS256\"}")}.{Encode(JsonSerializer.Serialize(claims))}.c2lnbmF0dXJl";

    private static string Encode(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

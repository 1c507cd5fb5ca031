using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Emulator.Pool;

/// <summary><c>SECRET_HASH = Base64(HMAC-SHA256(key: client secret, message: username + client id))</c>.</summary>
internal static class SecretHash
{
    public static string Compute(string clientSecret, string username, string clientId) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(username + clientId)));

    public static bool Matches(string? presented, string clientSecret, string username, string clientId)
    {
        if (presented is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(clientSecret, username, clientId));
        var actual = Encoding.UTF8.GetBytes(presented);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Client.Cognito;

/// <summary><c>SECRET_HASH = Base64(HMAC-SHA256(key: client secret, message: username + client id))</c>.</summary>
internal static class SecretHash
{
    public static string Compute(string clientSecret, string username, string clientId)
    {
        var key = Encoding.UTF8.GetBytes(clientSecret);
        var message = Encoding.UTF8.GetBytes(username + clientId);
        return Convert.ToBase64String(HMACSHA256.HashData(key, message));
    }
}

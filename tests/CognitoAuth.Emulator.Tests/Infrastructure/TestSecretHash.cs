using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>SECRET_HASH as AWS defines it, computed apart from the emulator's: Base64(HMAC-SHA256(secret, username ‖ client id)).</summary>
internal static class TestSecretHash
{
    public static string Of(EmulatorAppClient client, string username) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(client.ClientSecret!), Encoding.UTF8.GetBytes(username + client.ClientId)));
}

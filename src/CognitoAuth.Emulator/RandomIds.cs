using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Emulator;

/// <summary>Identifiers and opaque values shaped like Cognito's, from a cryptographic random source.</summary>
internal static class RandomIds
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string LowerAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

    // The header Cognito's refresh tokens carry: they are JWEs the service alone can read.
    private static readonly string RefreshTokenHeader =
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}"""));

    /// <summary>The account id the emulator's ARNs and events carry.</summary>
    public const string AccountId = "000000000000";

    /// <summary>A user pool id: <c>{region}_{9 alphanumerics}</c>.</summary>
    public static string UserPoolId(string region) => $"{region}_{RandomNumberGenerator.GetString(Alphanumeric, 9)}";

    /// <summary>An app client id: 26 lower-case alphanumerics.</summary>
    public static string ClientId() => RandomNumberGenerator.GetString(LowerAlphanumeric, 26);

    /// <summary>An app client secret: 51 lower-case alphanumerics.</summary>
    public static string ClientSecret() => RandomNumberGenerator.GetString(LowerAlphanumeric, 51);

    /// <summary>An HTTP API id: 10 lower-case alphanumerics.</summary>
    public static string ApiId() => RandomNumberGenerator.GetString(LowerAlphanumeric, 10);

    /// <summary>A challenge session: opaque, within the model's 20–2048 characters.</summary>
    public static string Session() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(192));

    /// <summary>An opaque refresh token in the five-part JWE shape Cognito's have.</summary>
    public static string RefreshToken() =>
        string.Join('.', RefreshTokenHeader, Random(256), Random(12), Random(384), Random(16));

    /// <summary>An API Gateway style request id, e.g. <c>Mc7UVioPPHcEKPA=</c>.</summary>
    public static string ApiRequestId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(10));

    /// <summary>A temporary password that satisfies any policy of the reference shape.</summary>
    public static string TemporaryPassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ", 4) +
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyz", 4) +
        RandomNumberGenerator.GetString("23456789", 3) +
        RandomNumberGenerator.GetString("!#%&*+=?", 1);

    private static string Random(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}

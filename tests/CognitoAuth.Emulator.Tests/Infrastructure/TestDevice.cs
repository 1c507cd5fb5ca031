using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>
/// A device as a client remembers it, written for the tests from amazon-cognito-identity-js's <c>generateHashDevice</c> and
/// <c>getDeviceResponse</c> (none of the emulator's code): a random device secret, the verifier ConfirmDevice takes
/// (<c>x = H(pad(salt) ‖ H(groupKey ‖ deviceKey ‖ ":" ‖ secret))</c>, <c>v = g^x</c>, both Base64 of the padded integer), and
/// the answers of <c>DEVICE_SRP_AUTH</c> and <c>DEVICE_PASSWORD_VERIFIER</c> — the user SRP's client with the group key as the
/// pool name and the device key as the user.
/// </summary>
internal sealed class TestDevice
{
    private static readonly BigInteger N = BigInteger.Parse(
        "00FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
        "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
        "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
        "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
        "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
        "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
        "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
        "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
        NumberStyles.HexNumber,
        CultureInfo.InvariantCulture);

    private TestSrpClient? _srp;

    public TestDevice(string deviceKey, string groupKey, byte[]? salt = null)
    {
        DeviceKey = deviceKey;
        GroupKey = groupKey;
        Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(40));
        var saltValue = new BigInteger(salt ?? RandomNumberGenerator.GetBytes(16), isUnsigned: true, isBigEndian: true);
        var x = new BigInteger(SHA256.HashData([.. Pad(saltValue), .. SHA256.HashData(Encoding.UTF8.GetBytes($"{groupKey}{deviceKey}:{Secret}"))]), isUnsigned: true, isBigEndian: true);
        Salt = Convert.ToBase64String(Pad(saltValue));
        PasswordVerifier = Convert.ToBase64String(Pad(BigInteger.ModPow(2, x, N)));
    }

    public string DeviceKey { get; }

    public string GroupKey { get; }

    /// <summary>The device's secret (amazon-cognito-identity-js's <c>randomPassword</c>); never sent.</summary>
    public string Secret { get; }

    /// <summary>ConfirmDevice's <c>DeviceSecretVerifierConfig.Salt</c>.</summary>
    public string Salt { get; }

    /// <summary>ConfirmDevice's <c>DeviceSecretVerifierConfig.PasswordVerifier</c>.</summary>
    public string PasswordVerifier { get; }

    /// <summary>The device from a sign-in's <c>NewDeviceMetadata</c>.</summary>
    public static TestDevice From(CognitoResponse tokens) => new(
        tokens.Get("AuthenticationResult", "NewDeviceMetadata", "DeviceKey"),
        tokens.Get("AuthenticationResult", "NewDeviceMetadata", "DeviceGroupKey"));

    public object VerifierConfig => new { PasswordVerifier, Salt };

    /// <summary>The <c>DEVICE_SRP_AUTH</c> answer: a fresh ephemeral for this exchange.</summary>
    public Dictionary<string, string> SrpAuthAnswer(string username)
    {
        // TestSrpClient takes the pool name from after the pool id's "_": the group key plays the pool's part.
        _srp = new TestSrpClient("device_" + GroupKey);
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["USERNAME"] = username, ["DEVICE_KEY"] = DeviceKey, ["SRP_A"] = _srp.SrpA };
    }

    /// <summary>The <c>DEVICE_PASSWORD_VERIFIER</c> answer to a challenge's parameters, proving <paramref name="secret"/> (the device's by default).</summary>
    public Dictionary<string, string> VerifierAnswer(string username, IReadOnlyDictionary<string, string> challenge, DateTimeOffset signedAt, string? secret = null)
    {
        var parameters = new Dictionary<string, string>(challenge, StringComparer.Ordinal) { ["USER_ID_FOR_SRP"] = DeviceKey };
        var answer = _srp!.Answer(parameters, secret ?? Secret, signedAt);
        answer["USERNAME"] = username;
        answer["DEVICE_KEY"] = DeviceKey;
        return answer;
    }

    private static byte[] Pad(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);
}

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
    private TestSrpClient? _srp;

    public TestDevice(string deviceKey, string groupKey, byte[]? salt = null)
    {
        DeviceKey = deviceKey;
        GroupKey = groupKey;
        Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(40));
        var saltValue = new BigInteger(salt ?? RandomNumberGenerator.GetBytes(16), isUnsigned: true, isBigEndian: true);
        var x = new BigInteger(SHA256.HashData([.. TestSrpClient.Pad(saltValue), .. SHA256.HashData(Encoding.UTF8.GetBytes($"{groupKey}{deviceKey}:{Secret}"))]), isUnsigned: true, isBigEndian: true);
        Salt = Convert.ToBase64String(TestSrpClient.Pad(saltValue));
        PasswordVerifier = Convert.ToBase64String(TestSrpClient.Pad(BigInteger.ModPow(TestSrpClient.G, x, TestSrpClient.N)));
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
}

using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>
/// The client half of Cognito's SRP-6a, written for the tests from REFERENCE.md and RFC 5054 (none of the emulator's code):
/// <see cref="SrpA"/> for InitiateAuth, then <see cref="Answer"/> for the PASSWORD_VERIFIER challenge. Plain
/// <see cref="BigInteger.ModPow"/>; the peer tests check the emulator against amazon-cognito-identity-js as well.
/// </summary>
internal sealed class TestSrpClient
{
    /// <summary>RFC 5054's 3072-bit group modulus, Cognito's N (the device verifier in <see cref="TestDevice"/> uses it too).</summary>
    internal static readonly BigInteger N = BigInteger.Parse(
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

    internal static readonly BigInteger G = 2;

    private readonly string _poolName;
    private readonly BigInteger _a;
    private readonly BigInteger _largeA;

    public TestSrpClient(string userPoolId)
    {
        _poolName = userPoolId[(userPoolId.IndexOf('_', StringComparison.Ordinal) + 1)..];
        _a = new BigInteger(RandomNumberGenerator.GetBytes(32), isUnsigned: true, isBigEndian: true);
        _largeA = BigInteger.ModPow(G, _a, N);
    }

    /// <summary><c>SRP_A</c>: g^a mod N in hex.</summary>
    public string SrpA => Hex(_largeA);

    /// <summary>The Cognito TIMESTAMP text of an instant.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);

    /// <summary>The PASSWORD_VERIFIER responses for a challenge's parameters, signed at <paramref name="signedAt"/>.</summary>
    public Dictionary<string, string> Answer(IReadOnlyDictionary<string, string> challenge, string password, DateTimeOffset signedAt)
    {
        var userId = challenge["USER_ID_FOR_SRP"];
        var salt = BigInteger.Parse("0" + challenge["SALT"], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var largeB = BigInteger.Parse("0" + challenge["SRP_B"], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var k = Hash(Pad(N), Pad(G));
        var u = Hash(Pad(_largeA), Pad(largeB));
        var x = Hash(Pad(salt), SHA256.HashData(Encoding.UTF8.GetBytes($"{_poolName}{userId}:{password}")));
        var gx = BigInteger.ModPow(G, x, N);
        var basis = ((largeB - (k * gx)) % N + N) % N;
        var s = BigInteger.ModPow(basis, _a + (u * x), N);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Pad(s), 16, Pad(u), Encoding.UTF8.GetBytes("Caldera Derived Key"));
        var timestamp = Timestamp(signedAt);
        byte[] message = [.. Encoding.UTF8.GetBytes(_poolName), .. Encoding.UTF8.GetBytes(userId), .. Convert.FromBase64String(challenge["SECRET_BLOCK"]), .. Encoding.UTF8.GetBytes(timestamp)];
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["USERNAME"] = userId,
            ["PASSWORD_CLAIM_SECRET_BLOCK"] = challenge["SECRET_BLOCK"],
            ["TIMESTAMP"] = timestamp,
            ["PASSWORD_CLAIM_SIGNATURE"] = Convert.ToBase64String(HMACSHA256.HashData(key, message)),
        };
    }

    // Cognito's integer encoding: minimal two's-complement big-endian, a 0x00 in front when the top bit is set.
    /// <summary>The big-endian two's-complement bytes Cognito's SRP hashes (a leading 0 when the top bit is set).</summary>
    internal static byte[] Pad(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);

    private static BigInteger Hash(byte[] first, byte[] second) => new(SHA256.HashData([.. first, .. second]), isUnsigned: true, isBigEndian: true);

    private static string Hex(BigInteger value) => Convert.ToHexStringLower(value.ToByteArray(isUnsigned: true, isBigEndian: true)).TrimStart('0');
}

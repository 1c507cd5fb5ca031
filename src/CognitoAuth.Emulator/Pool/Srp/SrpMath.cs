using System.Numerics;
using System.Security.Cryptography;

namespace CognitoAuth.Emulator.Pool.Srp;

/// <summary>
/// The arithmetic of Cognito's SRP-6a, server side: the RFC 5054 3072-bit group (g = 2), SHA-256, and Cognito's integer
/// encoding — the minimal big-endian two's complement (a 0x00 in front when the top bit is set), which is what every
/// Cognito client hashes. Written apart from the client package's copy on purpose: each checks the other.
/// </summary>
internal static class SrpMath
{
    /// <summary>RFC 5054 appendix A, the 3072-bit prime.</summary>
    public static readonly BigInteger N = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
        "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
        "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
        "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
        "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
        "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
        "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
        "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
        System.Globalization.NumberStyles.HexNumber,
        System.Globalization.CultureInfo.InvariantCulture);

    public static readonly BigInteger G = 2;

    /// <summary>k = H(N ‖ g), each in Cognito's encoding.</summary>
    public static readonly BigInteger K = Hash(Encode(N), Encode(G));

    /// <summary>The minimal two's-complement big-endian bytes of a non-negative integer.</summary>
    public static byte[] Encode(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);

    /// <summary>SHA-256 of the concatenation, read as an unsigned integer.</summary>
    public static BigInteger Hash(params byte[][] parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            sha.AppendData(part);
        }

        return new BigInteger(sha.GetHashAndReset(), isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Lower-case hex of an unsigned integer, no leading zeros: how SALT and SRP_B go on the wire.</summary>
    public static string ToHex(BigInteger value)
    {
        var hex = Convert.ToHexStringLower(value.ToByteArray(isUnsigned: true, isBigEndian: true)).TrimStart('0');
        return hex.Length == 0 ? "0" : hex;
    }

    /// <summary>Parses an unsigned hex integer a client sent; false for anything else (bounded: at most 1,536 digits).</summary>
    public static bool TryParseHex(string? hex, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (string.IsNullOrEmpty(hex) || hex.Length > 1536 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        value = new BigInteger(Convert.FromHexString(hex.Length % 2 == 1 ? "0" + hex : hex), isUnsigned: true, isBigEndian: true);
        return true;
    }
}

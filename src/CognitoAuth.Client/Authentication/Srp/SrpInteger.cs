using System.Numerics;

namespace CognitoAuth.Client.Authentication.Srp;

/// <summary>
/// How Cognito's SRP turns big integers into bytes and hex and back. <see cref="Pad"/> is the minimal big-endian two's
/// complement (a leading 0x00 when the high bit is set: Java's <c>BigInteger.toByteArray()</c>, amazon-cognito-identity-js's
/// <c>padHex</c>); hex on the wire is parsed as an unsigned integer, so leading zero bytes of a value do not survive.
/// </summary>
internal static class SrpInteger
{
    /// <summary>An unsigned big-endian integer.</summary>
    public static BigInteger FromUnsigned(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    /// <summary>The minimal big-endian two's complement of a non-negative value (<c>0</c> is one zero byte).</summary>
    public static byte[] Pad(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);

    /// <summary>Lower-case hex without leading zeros, as amazon-cognito-identity-js sends <c>SRP_A</c> (<c>toString(16)</c>).</summary>
    public static string ToHex(BigInteger value)
    {
        var hex = Convert.ToHexString(value.ToByteArray(isUnsigned: true, isBigEndian: true)).TrimStart('0');
        return hex.Length == 0 ? "0" : hex.ToLowerInvariant();
    }

    /// <summary>
    /// Parses a hex challenge parameter as an unsigned integer (odd length and either case allowed). Anything else fails with
    /// an error that names the parameter and never shows its value.
    /// </summary>
    public static BigInteger ParseHex(string? hex, string parameter, string challengeName)
    {
        // 2× the modulus in hex digits bounds the work a hostile endpoint can ask for; real values are at most 770 digits.
        const int MaxDigits = 1536;
        if (string.IsNullOrEmpty(hex) || hex.Length > MaxDigits || !IsHex(hex))
        {
            throw new CognitoAuthenticationException(
                $"Cognito's {challengeName} challenge carried a {parameter} that is not a hexadecimal number.", challengeName);
        }

        return FromUnsigned(Convert.FromHexString(hex.Length % 2 == 0 ? hex : "0" + hex));
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

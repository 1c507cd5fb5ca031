using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>
/// RFC 6238 codes (HMAC-SHA-1, 6 digits, 30-second steps) from an RFC 4648 base32 secret, written for the tests apart from
/// the emulator's <c>SoftwareToken</c>: what an authenticator app given <c>AssociateSoftwareToken</c>'s secret shows.
/// </summary>
internal static class TestTotp
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Code(string secretCode, DateTimeOffset at)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
        var mac = HMACSHA1.HashData(Base32(secretCode), counter);
        var offset = mac[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(mac.AsSpan(offset)) & 0x7FFFFFFF;
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}

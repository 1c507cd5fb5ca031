using System.Text;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Tests.Configuration;

public sealed class Base32Tests
{
    // RFC 4648 §10 test vectors (the empty one is not a usable secret; see TryDecode_Empty_IsRefused).
    [Theory]
    [InlineData("f", "MY======")]
    [InlineData("fo", "MZXQ====")]
    [InlineData("foo", "MZXW6===")]
    [InlineData("foob", "MZXW6YQ=")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI======")]
    public void TryDecode_Rfc4648Vectors_GiveTheBytes(string expected, string encoded)
    {
        Assert.True(Base32.TryDecode(encoded, out var bytes));
        Assert.Equal(expected, Encoding.ASCII.GetString(bytes));
        Assert.Equal(encoded, Encode(bytes, pad: true));
    }

    [Theory]
    [InlineData("MZXW6YTBOI")]
    [InlineData("mzxw6ytboi======")]
    [InlineData("mzxw 6ytb oi")]
    [InlineData(" MZXW6YTBOI ")]
    [InlineData("MzXw6YtBoI====== ")]
    public void TryDecode_LowerCaseSpacesOrNoPadding_AreTolerated(string encoded)
    {
        Assert.True(Base32.TryDecode(encoded, out var bytes));
        Assert.Equal("foobar", Encoding.ASCII.GetString(bytes));
    }

    [Theory]
    [InlineData("MZXW6YT1")] // 1 is not in the alphabet
    [InlineData("MZXW6YT0")]
    [InlineData("MZXW6YT8")]
    [InlineData("MZXW-6YTB")]
    [InlineData("M")] // lengths no encoder produces
    [InlineData("MZX")]
    [InlineData("MZXW6Y")]
    [InlineData("MZ=XW6YQ")] // padding inside
    [InlineData("MZXW6YQ==")] // padding to no block boundary
    [InlineData("========")]
    [InlineData("   ")]
    public void TryDecode_NotBase32_IsRefused(string encoded)
    {
        Assert.False(Base32.TryDecode(encoded, out var bytes));
        Assert.Empty(bytes);
    }

    [Fact]
    public void TryDecode_Empty_IsRefused()
    {
        Assert.False(Base32.TryDecode("", out _));
        Assert.False(Base32.TryDecode(null, out _));
    }

    [Fact]
    public void TryDecode_RoundTripsEveryLength()
    {
        for (var length = 1; length <= 40; length++)
        {
            var data = Enumerable.Range(0, length).Select(i => (byte)((i * 73) + length)).ToArray();

            Assert.True(Base32.TryDecode(Encode(data), out var bytes));
            Assert.Equal(data, bytes);
        }
    }

    /// <summary>An independent RFC 4648 encoder (bit by bit), for the tests.</summary>
    internal static string Encode(byte[] data, bool pad = false)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(data.Select(b => Convert.ToString(b, 2).PadLeft(8, '0')));
        bits = bits.PadRight((bits.Length + 4) / 5 * 5, '0');
        var text = string.Concat(Enumerable.Range(0, bits.Length / 5).Select(i => Alphabet[Convert.ToInt32(bits.Substring(i * 5, 5), 2)]));
        return pad ? text.PadRight((text.Length + 7) / 8 * 8, '=') : text;
    }
}

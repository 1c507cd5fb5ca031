using System.Numerics;
using CognitoAuth.Client.Authentication.Srp;

namespace CognitoAuth.Client.Tests.Authentication.Srp;

public sealed class SrpModPowTests
{
    public static TheoryData<string> Cases => ["small", "zero exponent", "zero base", "one", "N-1", "base above N", "256-bit exponent", "1024-bit exponent", "3072-bit exponent", "all-ones limbs"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pow_EqualsBigIntegerModPow(string name)
    {
        var n = SrpGroup.N;
        var random = (string label, int bytes) => new BigInteger(SrpSignInTests.Bytes(name + label, bytes), isUnsigned: true, isBigEndian: true);
        var (value, exponent) = name switch
        {
            "small" => (new BigInteger(3), new BigInteger(5)),
            "zero exponent" => (random("v", 384) % n, BigInteger.Zero),
            "zero base" => (BigInteger.Zero, random("e", 32)),
            "one" => (BigInteger.One, random("e", 128)),
            "N-1" => (n - 1, random("e", 32)),
            "base above N" => ((n * 3) + random("v", 100), random("e", 32)),
            "256-bit exponent" => (random("v", 384) % n, random("e", 32)),
            "1024-bit exponent" => (SrpGroup.G, random("e", 128)),
            "3072-bit exponent" => (random("v", 384) % n, random("e", 384)),
            _ => ((BigInteger.One << 3071) - 1, (BigInteger.One << 600) - 1),
        };

        Assert.Equal(BigInteger.ModPow(value, exponent, n), SrpModPow.Pow(value, exponent));
    }

    [Fact]
    public void Pow_ManyRandomInputs_EqualBigIntegerModPow()
    {
        for (var i = 0; i < 40; i++)
        {
            var value = new BigInteger(SrpSignInTests.Bytes($"value-{i}", 384), isUnsigned: true, isBigEndian: true) % SrpGroup.N;
            var exponent = new BigInteger(SrpSignInTests.Bytes($"exponent-{i}", 1 + (i % 40)), isUnsigned: true, isBigEndian: true);

            Assert.Equal(BigInteger.ModPow(value, exponent, SrpGroup.N), SrpModPow.Pow(value, exponent));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(1024)]
    public void PowOfGenerator_EqualsBigIntegerModPowOfTwo(int bits)
    {
        // Exponents of each length around the comb's tooth spacing (32) and reach (256), and beyond it (the general method).
        for (var i = 0; i < 4; i++)
        {
            var exponent = bits == 0 ? BigInteger.Zero
                : (new BigInteger(SrpSignInTests.Bytes($"g-{bits}-{i}", (bits + 7) / 8), isUnsigned: true, isBigEndian: true) >> (((bits + 7) / 8 * 8) - bits)) | (BigInteger.One << (bits - 1));

            Assert.Equal(BigInteger.ModPow(2, exponent, SrpGroup.N), SrpModPow.PowOfGenerator(exponent));
        }
    }

    [Fact]
    public void PowOfGenerator_AllOnesAndSingleBits_EqualBigIntegerModPowOfTwo()
    {
        foreach (var exponent in new[] { (BigInteger.One << 256) - 1, BigInteger.One << 255, BigInteger.One << 32, BigInteger.One })
        {
            Assert.Equal(BigInteger.ModPow(2, exponent, SrpGroup.N), SrpModPow.PowOfGenerator(exponent));
        }
    }

    [Fact]
    public void Pow_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SrpModPow.Pow(BigInteger.MinusOne, BigInteger.One));
        Assert.Throws<ArgumentOutOfRangeException>(() => SrpModPow.Pow(BigInteger.One, BigInteger.MinusOne));
    }
}

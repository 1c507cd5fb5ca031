using System.Numerics;

namespace CognitoAuth.Emulator.Pool.Srp;

/// <summary>
/// g^e mod N for exponents of up to 256 bits (a password's x, the server's ephemeral b) with a fixed-base window table:
/// g^(k·2^(8j)) for every byte position j and byte value k, so a power is at most 32 products instead of ModPow's ~380
/// squarings and products. Built once per process on first use (8,160 products, ~3.5 MB) and never changed after; wider
/// exponents go to <see cref="BigInteger.ModPow"/>. Why it is worth it: one 256-bit <c>ModPow</c> with the 3072-bit N costs
/// ~5 ms here, and every password set makes a verifier.
/// </summary>
internal static class GeneratorPowers
{
    private const int WindowBits = 8;
    private const int Windows = 256 / WindowBits;
    private const int WindowValues = 1 << WindowBits;

    private static readonly Lazy<BigInteger[][]> Table = new(Build);

    /// <summary>g^<paramref name="exponent"/> mod N, for a non-negative exponent.</summary>
    public static BigInteger Pow(BigInteger exponent)
    {
        if (exponent.Sign < 0 || exponent.GetBitLength() > Windows * WindowBits)
        {
            return BigInteger.ModPow(SrpMath.G, exponent, SrpMath.N);
        }

        var table = Table.Value;
        var bytes = exponent.ToByteArray(isUnsigned: true, isBigEndian: false);
        var result = BigInteger.One;
        for (var window = 0; window < bytes.Length; window++)
        {
            if (bytes[window] != 0)
            {
                result = result * table[window][bytes[window]] % SrpMath.N;
            }
        }

        return result;
    }

    private static BigInteger[][] Build()
    {
        var table = new BigInteger[Windows][];
        var windowBase = SrpMath.G;
        for (var window = 0; window < Windows; window++)
        {
            var powers = new BigInteger[WindowValues];
            powers[0] = BigInteger.One;
            powers[1] = windowBase;
            for (var value = 2; value < WindowValues; value++)
            {
                powers[value] = powers[value - 1] * windowBase % SrpMath.N;
            }

            table[window] = powers;
            windowBase = powers[WindowValues - 1] * windowBase % SrpMath.N;
        }

        return table;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace CognitoAuth.Client.Authentication.Srp;

/// <summary>
/// <c>value^exponent mod N</c> for the one modulus SRP uses (Montgomery multiplication, sliding window), and
/// <c>g^exponent</c> by a fixed-base comb. Why not <see cref="BigInteger.ModPow(BigInteger, BigInteger, BigInteger)"/>:
/// with a 3072-bit modulus it costs ~21 µs per exponent bit here (32-bit limbs and a division per step), which put one
/// sign-in at ~50 ms against a 5 ms target (docs/PERFORMANCE.md). Numbers are 55 limbs of 56 bits in 64-bit words: a
/// 56×56-bit product splits into two 56-bit halves that column sums add without a carry test (C# has no add-with-carry):
/// with the columns walked by reference, a sign-in 12–15 % cheaper in thread CPU than with 64-bit limbs and carry tests. And
/// N ≡ −1 (mod 2^56) makes Montgomery's per-limb factor 1.
/// Same results, checked against <see cref="BigInteger.ModPow(BigInteger, BigInteger, BigInteger)"/> and
/// amazon-cognito-identity-js by the tests. Not constant-time (the window lookups depend on the exponent), like the
/// BigInteger it replaces.
/// </summary>
internal static class SrpModPow
{
    private const int LimbBits = 56;
    private const ulong LimbMask = (1UL << LimbBits) - 1;
    private const int Limbs = 55; // 3080 bits ≥ 3072
    private const int ScratchLimbs = 2 * Limbs; // a product's Montgomery factors, then its unreduced result
    private const int WindowBits = 5;

    // Fixed-base comb for g (Lim-Lee): 8 teeth 32 bits apart cover exponents below 2^256 (x is a SHA-256, a is 256 bits),
    // 32 squarings and 32 products instead of 256 squarings. The table, 256 powers of g, is built once.
    private const int CombTeeth = 8;
    private const int CombSpacing = 32;

    private static readonly ulong[] Modulus = ToLimbs(SrpGroup.N);

    // R^2 mod N with R = 2^3080: multiplying by it (Montgomery) brings a value into Montgomery form.
    private static readonly ulong[] RSquared = ToLimbs((BigInteger.One << (2 * LimbBits * Limbs)) % SrpGroup.N);

    private static readonly Lazy<ulong[]> GeneratorComb = new(BuildGeneratorComb);

    /// <summary>g^exponent mod N, for 0 ≤ exponent (a fixed-base comb below 2^256, the general method above).</summary>
    public static BigInteger PowOfGenerator(BigInteger exponent)
    {
        if (exponent.Sign < 0 || exponent.GetBitLength() > CombTeeth * CombSpacing)
        {
            return Pow(SrpGroup.G, exponent);
        }

        var comb = GeneratorComb.Value;
        var exponentBytes = exponent.ToByteArray(isUnsigned: true, isBigEndian: false);
        Span<ulong> scratch = stackalloc ulong[ScratchLimbs];
        Span<ulong> result = stackalloc ulong[Limbs];
        comb.AsSpan(0, Limbs).CopyTo(result); // entry 0 is 1 in Montgomery form
        for (var j = CombSpacing - 1; j >= 0; j--)
        {
            Square(result, result, scratch);
            var index = 0;
            for (var tooth = 0; tooth < CombTeeth; tooth++)
            {
                index |= Bit(exponentBytes, (tooth * CombSpacing) + j) << tooth;
            }

            if (index != 0)
            {
                Multiply(result, comb.AsSpan(index * Limbs, Limbs), result, scratch);
            }
        }

        return FromMontgomery(result, scratch);
    }

    /// <summary>value^exponent mod N, for 0 ≤ value and 0 ≤ exponent.</summary>
    public static BigInteger Pow(BigInteger value, BigInteger exponent)
    {
        if (value.Sign < 0 || exponent.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(value.Sign < 0 ? nameof(value) : nameof(exponent), "SRP powers take non-negative values.");
        }

        var n = SrpGroup.N;
        if (value >= n)
        {
            value %= n;
        }

        Span<ulong> scratch = stackalloc ulong[ScratchLimbs];
        Span<ulong> result = stackalloc ulong[Limbs];
        Span<ulong> one = stackalloc ulong[Limbs];
        one.Clear();
        one[0] = 1;
        if (exponent.IsZero)
        {
            Multiply(one, RSquared, result, scratch);
            return FromMontgomery(result, scratch);
        }

        // Odd powers only: table[i] = value^(2i+1) · R mod N (a sliding window ends on a 1 bit).
        Span<ulong> table = stackalloc ulong[(1 << (WindowBits - 1)) * Limbs];
        Span<ulong> squared = stackalloc ulong[Limbs];
        WriteLimbs(value, result);
        Multiply(result, RSquared, Entry(table, 0), scratch);
        Square(Entry(table, 0), squared, scratch);
        for (var i = 1; i < 1 << (WindowBits - 1); i++)
        {
            Multiply(Entry(table, i - 1), squared, Entry(table, i), scratch);
        }

        // Left to right: a 0 bit is one squaring; otherwise the longest window of at most WindowBits bits ending on a 1 is
        // as many squarings and one product. The first window is copied, not multiplied into 1.
        var exponentBytes = exponent.ToByteArray(isUnsigned: true, isBigEndian: false);
        var started = false;
        for (var high = (int)exponent.GetBitLength() - 1; high >= 0;)
        {
            if (Bit(exponentBytes, high) == 0)
            {
                Square(result, result, scratch);
                high--;
                continue;
            }

            var low = Math.Max(high - WindowBits + 1, 0);
            while (Bit(exponentBytes, low) == 0)
            {
                low++;
            }

            var window = 0;
            for (var bit = high; bit >= low; bit--)
            {
                window = (window << 1) | Bit(exponentBytes, bit);
                if (started)
                {
                    Square(result, result, scratch);
                }
            }

            if (started)
            {
                Multiply(result, Entry(table, window >> 1), result, scratch);
            }
            else
            {
                Entry(table, window >> 1).CopyTo(result);
                started = true;
            }

            high = low - 1;
        }

        return FromMontgomery(result, scratch);
    }

    /// <summary>comb[i] = Π g^(2^(32·k)) over the bits k of i, in Montgomery form.</summary>
    private static ulong[] BuildGeneratorComb()
    {
        var comb = new ulong[(1 << CombTeeth) * Limbs];
        Span<ulong> scratch = stackalloc ulong[ScratchLimbs];
        Span<ulong> power = stackalloc ulong[Limbs];
        Span<ulong> plain = stackalloc ulong[Limbs];
        plain.Clear();
        plain[0] = 1;
        Multiply(plain, RSquared, comb.AsSpan(0, Limbs), scratch);
        WriteLimbs(SrpGroup.G, plain);
        Multiply(plain, RSquared, power, scratch);
        for (var tooth = 0; tooth < CombTeeth; tooth++)
        {
            // power = g^(2^(32·tooth)); every entry with this bit is the entry without it times power.
            var bit = 1 << tooth;
            for (var i = 0; i < bit; i++)
            {
                Multiply(comb.AsSpan(i * Limbs, Limbs), power, comb.AsSpan((i | bit) * Limbs, Limbs), scratch);
            }

            for (var s = 0; s < CombSpacing; s++)
            {
                Square(power, power, scratch);
            }
        }

        return comb;
    }

    private static BigInteger FromMontgomery(Span<ulong> value, Span<ulong> scratch)
    {
        // Multiplying by 1 divides by R.
        Span<ulong> one = stackalloc ulong[Limbs];
        one.Clear();
        one[0] = 1;
        Multiply(value, one, value, scratch);
        Span<byte> bytes = stackalloc byte[(Limbs * 7) + 1];
        bytes.Clear();
        for (var i = 0; i < Limbs; i++)
        {
            // 7 bytes a limb: each 8-byte write's top byte is 0, and the next limb's write puts its own low byte there.
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[(i * 7)..], value[i]);
        }

        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    private static int Bit(byte[] littleEndian, int at)
    {
        var byteIndex = at >> 3;
        return byteIndex < littleEndian.Length ? (littleEndian[byteIndex] >> (at & 7)) & 1 : 0;
    }

    private static Span<ulong> Entry(Span<ulong> table, int index) => table.Slice(index * Limbs, Limbs);

    /// <summary>
    /// result = a·b·R⁻¹ mod N, product-scanning Montgomery (column by column, the reduction interleaved). a, b &lt; N; result
    /// may alias a or b. Each column adds at most 112 half-products below 2^56 to a carry-in below 2^63: no overflow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, Span<ulong> scratch)
    {
        ref var a0 = ref Unsafe.AsRef(in a[0]);
        ref var b0 = ref Unsafe.AsRef(in b[0]);
        ref var n0 = ref Unsafe.AsRef(in Modulus[0]);
        var output = scratch.Slice(Limbs, Limbs);
        ref var m0 = ref scratch[0];
        _ = result[Limbs - 1];
        ulong low = 0, high = 0;

        for (var i = 0; i < Limbs; i++)
        {
            // Column i: Σ a[j]·b[i−j] and Σ m[j]·n[i−j]; the refs walk up a and m and down b and n, no index arithmetic.
            ref var up = ref a0;
            ref var down = ref Unsafe.Add(ref b0, i);
            ref var factorUp = ref m0;
            ref var modulusDown = ref Unsafe.Add(ref n0, i);
            for (var j = 0; j < i; j++)
            {
                Accumulate(ref low, ref high, up, down);
                Accumulate(ref low, ref high, factorUp, modulusDown);
                up = ref Unsafe.Add(ref up, 1);
                down = ref Unsafe.Subtract(ref down, 1);
                factorUp = ref Unsafe.Add(ref factorUp, 1);
                modulusDown = ref Unsafe.Subtract(ref modulusDown, 1);
            }

            Accumulate(ref low, ref high, up, b0);

            // The factor that clears this column: (value mod 2^56) · (−N⁻¹ mod 2^56), and −N⁻¹ ≡ 1.
            var factor = low & LimbMask;
            Unsafe.Add(ref m0, i) = factor;
            Accumulate(ref low, ref high, factor, n0);
            low = (low >> LimbBits) + high;
            high = 0;
        }

        for (var i = Limbs; i < (2 * Limbs) - 1; i++)
        {
            ref var up = ref Unsafe.Add(ref a0, i - Limbs + 1);
            ref var down = ref Unsafe.Add(ref b0, Limbs - 1);
            ref var factorUp = ref Unsafe.Add(ref m0, i - Limbs + 1);
            ref var modulusDown = ref Unsafe.Add(ref n0, Limbs - 1);
            for (var j = i - Limbs + 1; j < Limbs; j++)
            {
                Accumulate(ref low, ref high, up, down);
                Accumulate(ref low, ref high, factorUp, modulusDown);
                up = ref Unsafe.Add(ref up, 1);
                down = ref Unsafe.Subtract(ref down, 1);
                factorUp = ref Unsafe.Add(ref factorUp, 1);
                modulusDown = ref Unsafe.Subtract(ref modulusDown, 1);
            }

            output[i - Limbs] = low & LimbMask;
            low = (low >> LimbBits) + high;
            high = 0;
        }

        output[Limbs - 1] = low & LimbMask;
        Finish(output, low >> LimbBits, result);
    }

    /// <summary>
    /// result = a²·R⁻¹ mod N: as <see cref="Multiply"/>, with each cross product a[j]·a[k] (j &lt; k) taken once and doubled,
    /// which saves almost half the products of the square.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Square(ReadOnlySpan<ulong> a, Span<ulong> result, Span<ulong> scratch)
    {
        ref var a0 = ref Unsafe.AsRef(in a[0]);
        ref var n0 = ref Unsafe.AsRef(in Modulus[0]);
        var output = scratch.Slice(Limbs, Limbs);
        ref var m0 = ref scratch[0];
        _ = result[Limbs - 1];
        ulong low = 0, high = 0;

        for (var i = 0; i < Limbs; i++)
        {
            ref var up = ref a0;
            ref var down = ref Unsafe.Add(ref a0, i);
            for (var j = 0; j < i - j; j++)
            {
                AccumulateTwice(ref low, ref high, up, down);
                up = ref Unsafe.Add(ref up, 1);
                down = ref Unsafe.Subtract(ref down, 1);
            }

            if ((i & 1) == 0)
            {
                var half = Unsafe.Add(ref a0, i >> 1);
                Accumulate(ref low, ref high, half, half);
            }

            ref var factorUp = ref m0;
            ref var modulusDown = ref Unsafe.Add(ref n0, i);
            for (var j = 0; j < i; j++)
            {
                Accumulate(ref low, ref high, factorUp, modulusDown);
                factorUp = ref Unsafe.Add(ref factorUp, 1);
                modulusDown = ref Unsafe.Subtract(ref modulusDown, 1);
            }

            var factor = low & LimbMask;
            Unsafe.Add(ref m0, i) = factor;
            Accumulate(ref low, ref high, factor, n0);
            low = (low >> LimbBits) + high;
            high = 0;
        }

        for (var i = Limbs; i < (2 * Limbs) - 1; i++)
        {
            ref var up = ref Unsafe.Add(ref a0, i - Limbs + 1);
            ref var down = ref Unsafe.Add(ref a0, Limbs - 1);
            for (var j = i - Limbs + 1; j < i - j; j++)
            {
                AccumulateTwice(ref low, ref high, up, down);
                up = ref Unsafe.Add(ref up, 1);
                down = ref Unsafe.Subtract(ref down, 1);
            }

            if ((i & 1) == 0)
            {
                var half = Unsafe.Add(ref a0, i >> 1);
                Accumulate(ref low, ref high, half, half);
            }

            ref var factorUp = ref Unsafe.Add(ref m0, i - Limbs + 1);
            ref var modulusDown = ref Unsafe.Add(ref n0, Limbs - 1);
            for (var j = i - Limbs + 1; j < Limbs; j++)
            {
                Accumulate(ref low, ref high, factorUp, modulusDown);
                factorUp = ref Unsafe.Add(ref factorUp, 1);
                modulusDown = ref Unsafe.Subtract(ref modulusDown, 1);
            }

            output[i - Limbs] = low & LimbMask;
            low = (low >> LimbBits) + high;
            high = 0;
        }

        output[Limbs - 1] = low & LimbMask;
        Finish(output, low >> LimbBits, result);
    }

    /// <summary>Adds x·y (x, y &lt; 2^56) as its low and high 56-bit halves: low += bits 0–55, high += bits 56–111.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref ulong low, ref ulong high, ulong x, ulong y)
    {
        var (upper, lower) = Product(x, y);
        low += lower & LimbMask;
        high += (upper << (64 - LimbBits)) | (lower >> LimbBits);
    }

    /// <summary>Adds 2·x·y, each half doubled (below 2^57).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateTwice(ref ulong low, ref ulong high, ulong x, ulong y)
    {
        var (upper, lower) = Product(x, y);
        low += (lower & LimbMask) << 1;
        high += ((upper << (64 - LimbBits)) | (lower >> LimbBits)) << 1;
    }

    /// <summary>The 128-bit product; the <see cref="UInt128"/> overload keeps both halves in registers (the <c>out</c> one
    /// goes through memory), worth ~8% of a product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Upper, ulong Lower) Product(ulong x, ulong y)
    {
#if NET9_0_OR_GREATER
        var product = Math.BigMul(x, y);
        return ((ulong)(product >> 64), (ulong)product);
#else
        var upper = Math.BigMul(x, y, out var lower);
        return (upper, lower);
#endif
    }

    /// <summary>result = value (below 2N, <paramref name="overflow"/> its bits past the top limb) reduced below N.</summary>
    private static void Finish(ReadOnlySpan<ulong> value, ulong overflow, Span<ulong> result)
    {
        if (overflow == 0 && IsBelowModulus(value))
        {
            value.CopyTo(result);
            return;
        }

        long borrow = 0;
        for (var j = 0; j < Limbs; j++)
        {
            var difference = (long)value[j] - (long)Modulus[j] - borrow;
            borrow = difference < 0 ? 1 : 0;
            result[j] = (ulong)difference & LimbMask;
        }
    }

    private static bool IsBelowModulus(ReadOnlySpan<ulong> value)
    {
        for (var j = Limbs - 1; j >= 0; j--)
        {
            if (value[j] != Modulus[j])
            {
                return value[j] < Modulus[j];
            }
        }

        return false;
    }

    private static ulong[] ToLimbs(BigInteger value)
    {
        var limbs = new ulong[Limbs];
        WriteLimbs(value, limbs);
        return limbs;
    }

    private static void WriteLimbs(BigInteger value, Span<ulong> limbs)
    {
        Span<byte> bytes = stackalloc byte[(Limbs * 7) + 1];
        bytes.Clear();
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        for (var i = 0; i < Limbs; i++)
        {
            limbs[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * 7)..]) & LimbMask;
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace CognitoAuth.Client.Authentication.Srp;

/// <summary>
/// <c>value^exponent mod N</c> for the one modulus SRP uses, in Montgomery form over 48 64-bit limbs, and <c>g^exponent</c>
/// by a fixed-base comb. Why not <see cref="BigInteger.ModPow(BigInteger, BigInteger, BigInteger)"/>: with a 3072-bit modulus
/// it costs ~21 µs per exponent bit here (32-bit limbs and a division per step), which put one sign-in at ~50 ms against a
/// 5 ms target (docs/PERFORMANCE.md); a Montgomery product needs no division, and N ≡ −1 (mod 2^64) makes its per-limb
/// factor 1. Same results, checked against
/// <see cref="BigInteger.ModPow(BigInteger, BigInteger, BigInteger)"/> and amazon-cognito-identity-js by the tests.
/// Not constant-time (the window lookups depend on the exponent), like the BigInteger it replaces.
/// </summary>
internal static class SrpModPow
{
    private const int Limbs = 48; // 3072 bits
    private const int ScratchLimbs = (2 * Limbs) + 1; // a full square, and its overflow limb
    private const int WindowBits = 5;

    // Fixed-base comb for g (Lim-Lee): 8 teeth 32 bits apart cover exponents below 2^256 (x is a SHA-256, a is 256 bits),
    // 32 squarings and 32 products instead of 256 squarings. The table, 256 powers of g, is built once.
    private const int CombTeeth = 8;
    private const int CombSpacing = 32;

    private static readonly ulong[] Modulus = ToLimbs(SrpGroup.N);

    // R^2 mod N with R = 2^3072: multiplying by it (Montgomery) brings a value into Montgomery form.
    private static readonly ulong[] RSquared = ToLimbs((BigInteger.One << (2 * 64 * Limbs)) % SrpGroup.N);

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
        Span<byte> bytes = stackalloc byte[Limbs * 8];
        for (var i = 0; i < Limbs; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[(i * 8)..], value[i]);
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
    /// result = a·b·R⁻¹ mod N (CIOS Montgomery multiplication). a, b &lt; N; result may alias a or b. Because N ≡ −1 (mod 2^64),
    /// −N⁻¹ mod 2^64 = 1 and each reduction factor is the low limb itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, Span<ulong> t)
    {
        ref var a0 = ref Unsafe.AsRef(in a[0]);
        ref var b0 = ref Unsafe.AsRef(in b[0]);
        ref var n0 = ref Unsafe.AsRef(in Modulus[0]);
        ref var t0 = ref t[0];
        t[..(Limbs + 2)].Clear();

        for (var i = 0; i < Limbs; i++)
        {
            // t += a · b[i]
            var bi = Unsafe.Add(ref b0, i);
            ulong carry = 0;
            for (var j = 0; j < Limbs; j++)
            {
                ref var tj = ref Unsafe.Add(ref t0, j);
                var high = Math.BigMul(Unsafe.Add(ref a0, j), bi, out var low);
                low += tj;
                high += low < tj ? 1UL : 0UL;
                low += carry;
                high += low < carry ? 1UL : 0UL;
                tj = low;
                carry = high;
            }

            ref var tTop = ref Unsafe.Add(ref t0, Limbs);
            var sum = tTop + carry;
            Unsafe.Add(ref t0, Limbs + 1) = sum < carry ? 1UL : 0UL;
            tTop = sum;

            // t = (t + m · N) / 2^64 with m = t[0] (the factor is 1), which zeroes the low limb.
            var m = t0;
            var h0 = Math.BigMul(m, n0, out var l0);
            l0 += t0;
            carry = h0 + (l0 < t0 ? 1UL : 0UL);
            for (var j = 1; j < Limbs; j++)
            {
                ref var tj = ref Unsafe.Add(ref t0, j);
                var high = Math.BigMul(m, Unsafe.Add(ref n0, j), out var low);
                low += tj;
                high += low < tj ? 1UL : 0UL;
                low += carry;
                high += low < carry ? 1UL : 0UL;
                Unsafe.Add(ref t0, j - 1) = low;
                carry = high;
            }

            sum = tTop + carry;
            Unsafe.Add(ref t0, Limbs - 1) = sum;
            tTop = Unsafe.Add(ref t0, Limbs + 1) + (sum < carry ? 1UL : 0UL);
        }

        // t < 2N: subtract N once if t ≥ N.
        if (t[Limbs] != 0 || !IsBelowModulus(t[..Limbs]))
        {
            ulong borrow = 0;
            for (var j = 0; j < Limbs; j++)
            {
                var tj = t[j];
                var nj = Modulus[j];
                var difference = tj - nj - borrow;
                borrow = (tj < nj || (tj == nj && borrow == 1)) ? 1UL : 0UL;
                result[j] = difference;
            }
        }
        else
        {
            t[..Limbs].CopyTo(result);
        }
    }

    /// <summary>
    /// result = a²·R⁻¹ mod N: the square (each cross product once, then doubled, then the diagonal) reduced limb by limb
    /// (Montgomery REDC). A quarter fewer word products than <see cref="Multiply"/>; squarings are most of an exponentiation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Square(ReadOnlySpan<ulong> a, Span<ulong> result, Span<ulong> t)
    {
        ref var a0 = ref Unsafe.AsRef(in a[0]);
        ref var n0 = ref Unsafe.AsRef(in Modulus[0]);
        ref var t0 = ref t[0];
        t[..ScratchLimbs].Clear();

        // Cross products a[i]·a[j], i < j.
        for (var i = 0; i < Limbs - 1; i++)
        {
            var ai = Unsafe.Add(ref a0, i);
            ulong carry = 0;
            for (var j = i + 1; j < Limbs; j++)
            {
                ref var tk = ref Unsafe.Add(ref t0, i + j);
                var high = Math.BigMul(ai, Unsafe.Add(ref a0, j), out var low);
                low += tk;
                high += low < tk ? 1UL : 0UL;
                low += carry;
                high += low < carry ? 1UL : 0UL;
                tk = low;
                carry = high;
            }

            Unsafe.Add(ref t0, i + Limbs) = carry;
        }

        // Double them, then add the squares a[i]² on the diagonal.
        ulong shifted = 0;
        for (var k = 0; k < 2 * Limbs; k++)
        {
            ref var tk = ref Unsafe.Add(ref t0, k);
            var next = tk >> 63;
            tk = (tk << 1) | shifted;
            shifted = next;
        }

        ulong diagonalCarry = 0;
        for (var i = 0; i < Limbs; i++)
        {
            var ai = Unsafe.Add(ref a0, i);
            var high = Math.BigMul(ai, ai, out var low);
            ref var lowLimb = ref Unsafe.Add(ref t0, 2 * i);
            ref var highLimb = ref Unsafe.Add(ref t0, (2 * i) + 1);
            var sum = lowLimb + low;
            var c = sum < low ? 1UL : 0UL;
            sum += diagonalCarry;
            c += sum < diagonalCarry ? 1UL : 0UL;
            lowLimb = sum;
            var upper = highLimb + high;
            var c2 = upper < high ? 1UL : 0UL;
            upper += c;
            c2 += upper < c ? 1UL : 0UL;
            highLimb = upper;
            diagonalCarry = c2;
        }

        // REDC: for each low limb, add m·N·2^(64 i) with m = that limb (the factor is 1), which zeroes it.
        for (var i = 0; i < Limbs; i++)
        {
            var m = Unsafe.Add(ref t0, i);
            ulong carry = 0;
            for (var j = 0; j < Limbs; j++)
            {
                ref var tk = ref Unsafe.Add(ref t0, i + j);
                var high = Math.BigMul(m, Unsafe.Add(ref n0, j), out var low);
                low += tk;
                high += low < tk ? 1UL : 0UL;
                low += carry;
                high += low < carry ? 1UL : 0UL;
                tk = low;
                carry = high;
            }

            for (var k = i + Limbs; carry != 0 && k < ScratchLimbs; k++)
            {
                ref var tk = ref Unsafe.Add(ref t0, k);
                tk += carry;
                carry = tk < carry ? 1UL : 0UL;
            }
        }

        // The reduced value, t[48..97) < 2N: subtract N once if it is ≥ N.
        var reduced = t.Slice(Limbs, Limbs + 1);
        if (reduced[Limbs] != 0 || !IsBelowModulus(reduced[..Limbs]))
        {
            ulong borrow = 0;
            for (var j = 0; j < Limbs; j++)
            {
                var tj = reduced[j];
                var nj = Modulus[j];
                result[j] = tj - nj - borrow;
                borrow = (tj < nj || (tj == nj && borrow == 1)) ? 1UL : 0UL;
            }
        }
        else
        {
            reduced[..Limbs].CopyTo(result);
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
        Span<byte> bytes = stackalloc byte[Limbs * 8];
        bytes.Clear();
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        for (var i = 0; i < Limbs; i++)
        {
            limbs[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * 8)..]);
        }
    }
}

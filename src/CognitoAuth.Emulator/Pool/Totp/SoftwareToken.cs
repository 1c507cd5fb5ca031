using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace CognitoAuth.Emulator.Pool.Totp;

/// <summary>
/// A user's software token (TOTP authenticator) as <c>AssociateSoftwareToken</c> makes it: 32 random bytes, handed out as
/// <see cref="SecretCode"/>, 52 upper-case base32 characters without padding (botocore's <c>SecretCodeType</c>:
/// <c>[A-Za-z0-9]+</c>, at least 16). Codes are RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps. Never shown by
/// <see cref="ToString"/>.
/// </summary>
internal sealed class SoftwareToken
{
    /// <summary>Steps either side of the current one whose code is accepted: RFC 6238 §5.2's allowance for network delay and a
    /// slightly fast or slow device clock (Cognito documents none; codes are reported valid a little after their step ends).</summary>
    public const int AcceptedDrift = 1;

    private const int KeyBytes = 32;
    private const int StepSeconds = 30;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private readonly byte[] _key;

    private SoftwareToken(byte[] key)
    {
        _key = key;
        SecretCode = Encode(key);
    }

    /// <summary>The base32 secret for the authenticator app (what <c>AssociateSoftwareToken</c> returns).</summary>
    public string SecretCode { get; }

    /// <summary>A new token from <paramref name="random"/> (default: the system CSPRNG).</summary>
    public static SoftwareToken Generate(Func<int, byte[]>? random = null) => new((random ?? RandomNumberGenerator.GetBytes)(KeyBytes));

    /// <summary>A token from a base32 secret (upper or lower case, padding optional); false when it is not base32.</summary>
    public static bool TryFromSecretCode(string? secretCode, [NotNullWhen(true)] out SoftwareToken? token)
    {
        token = Decode(secretCode) is { Length: > 0 } key ? new SoftwareToken(key) : null;
        return token is not null;
    }

    /// <summary>The time step holding <paramref name="time"/>: floor(Unix seconds / 30).</summary>
    public static long StepOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>
    /// Checks a 6-digit <paramref name="code"/> at <paramref name="now"/> against the current step and
    /// <see cref="AcceptedDrift"/> steps either side, comparing in constant time. A step at or before
    /// <paramref name="lastAcceptedStep"/> (the step of this token's last accepted code) is not accepted again (RFC 6238
    /// §5.2): <see cref="TotpResult.Reused"/>.
    /// </summary>
    public TotpCheck Verify(string? code, DateTimeOffset now, long? lastAcceptedStep = null)
    {
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return new TotpCheck(TotpResult.Mismatch, null);
        }

        var current = StepOf(now);
        long? reused = null;
        for (var step = current - AcceptedDrift; step <= current + AcceptedDrift; step++)
        {
            if (step >= 0 && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(CodeFor(step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                if (lastAcceptedStep is null || step > lastAcceptedStep)
                {
                    return new TotpCheck(TotpResult.Accepted, step);
                }

                reused = step;
            }
        }

        return reused is { } used ? new TotpCheck(TotpResult.Reused, used) : new TotpCheck(TotpResult.Mismatch, null);
    }

    /// <summary>The code of <paramref name="step"/> (RFC 4226 HOTP with the step as counter), 6 digits.</summary>
    public string CodeFor(long step) => Hotp(_key, step, 6);

    public override string ToString() => "SoftwareToken { SecretCode = *** }";

    /// <summary>RFC 4226 HOTP, <paramref name="digits"/> digits (RFC 6238's vectors use 8).</summary>
    internal static string Hotp(byte[] key, long counter, int digits)
    {
        var message = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        var mac = HMACSHA1.HashData(key, message);
        var offset = mac[19] & 0xF;
        var value = ((mac[offset] & 0x7F) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
        var modulus = 1;
        for (var i = 0; i < digits; i++)
        {
            modulus *= 10;
        }

        return (value % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    private static string Encode(byte[] data)
    {
        var text = new System.Text.StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var value in data)
        {
            buffer = (buffer << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }

    private static byte[]? Decode(string? text)
    {
        var symbols = text?.TrimEnd('=').ToUpperInvariant();
        if (string.IsNullOrEmpty(symbols) || (symbols.Length % 8) is 1 or 3 or 6)
        {
            return null;
        }

        var output = new List<byte>(symbols.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in symbols)
        {
            var index = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (index < 0)
            {
                return null;
            }

            buffer = ((buffer << 5) | index) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
            }
        }

        return [.. output];
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CognitoAuth.Client.Authentication.Totp;

/// <summary>
/// RFC 6238 TOTP over RFC 4226 HOTP with HMAC-SHA-1 and 30-second steps counted from the Unix epoch: what Cognito's
/// <c>SOFTWARE_TOKEN_MFA</c> expects (6 digits). 7 and 8 digits are there for RFC 6238's published vectors.
/// </summary>
internal static class TotpGenerator
{
    /// <summary>The digits of a Cognito code.</summary>
    public const int CognitoDigits = 6;

    /// <summary>The length of one time step.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The time-step number of <paramref name="time"/> (<c>floor(unix seconds / 30)</c>): two codes from the same step are the
    /// same code, so a caller that already sent this step's code waits for the next step.
    /// </summary>
    public static long TimeStep(DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(time));
        return seconds / (long)Step.TotalSeconds;
    }

    /// <summary>When <paramref name="timeStep"/> begins.</summary>
    public static DateTimeOffset StepStart(long timeStep) => DateTimeOffset.FromUnixTimeSeconds(timeStep * (long)Step.TotalSeconds);

    /// <summary>The code for <paramref name="timeStep"/>, zero-padded to <paramref name="digits"/> (6 to 8).</summary>
    public static string Code(ReadOnlySpan<byte> key, long timeStep, int digits = CognitoDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 8);
        ArgumentOutOfRangeException.ThrowIfNegative(timeStep);

        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(key, counter, mac);

        // RFC 4226 §5.3 dynamic truncation: 31 bits from the offset the last nibble names.
        var offset = mac[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7FFFFFFF;
        CryptographicOperations.ZeroMemory(mac);
        var modulus = digits switch { 6 => 1_000_000, 7 => 10_000_000, _ => 100_000_000 };
        return (binary % modulus).ToString("D" + digits, System.Globalization.CultureInfo.InvariantCulture);
    }
}

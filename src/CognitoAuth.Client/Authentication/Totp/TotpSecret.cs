using System.Diagnostics.CodeAnalysis;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication.Totp;

/// <summary>
/// A user's TOTP secret (the base32 text <c>AssociateSoftwareToken</c> returns and an authenticator app is given), decoded
/// once. Never shown by <see cref="ToString"/> or by an error message.
/// </summary>
internal sealed class TotpSecret
{
    private readonly byte[] _key;

    private TotpSecret(byte[] key) => _key = key;

    /// <summary>Decodes a base32 secret (lower case, spaces and missing padding tolerated).</summary>
    /// <exception cref="FormatException">The text is not base32; the message does not repeat it.</exception>
    public static TotpSecret Parse(string base32) =>
        TryParse(base32, out var secret)
            ? secret
            : throw new FormatException("The TOTP secret is not base32 (RFC 4648: the letters A-Z and the digits 2-7, as AssociateSoftwareToken returns it).");

    /// <summary>Decodes a base32 secret; <see langword="false"/> when it is not one.</summary>
    public static bool TryParse(string? base32, [NotNullWhen(true)] out TotpSecret? secret)
    {
        secret = Base32.TryDecode(base32, out var key) ? new TotpSecret(key) : null;
        return secret is not null;
    }

    /// <summary>The code for the time step holding <paramref name="time"/>.</summary>
    public TotpCode CodeAt(DateTimeOffset time, int digits = TotpGenerator.CognitoDigits)
    {
        var step = TotpGenerator.TimeStep(time);
        return new TotpCode(TotpGenerator.Code(_key, step, digits), step);
    }

    public override string ToString() => "TotpSecret { *** }";
}

using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Emulator.Pool;

/// <summary>A six-digit code Cognito would send by e-mail or SMS, and until when it can be used.</summary>
internal sealed record VerificationCode(string Code, DateTimeOffset ExpiresAt)
{
    /// <summary>Sign-up confirmation codes are valid for 24 hours, as Cognito's.</summary>
    public static readonly TimeSpan ConfirmationValidity = TimeSpan.FromHours(24);

    /// <summary>Password reset codes are valid for one hour, as Cognito's.</summary>
    public static readonly TimeSpan PasswordResetValidity = TimeSpan.FromHours(1);

    public static VerificationCode New(DateTimeOffset now, TimeSpan validity) =>
        new(RandomNumberGenerator.GetString("0123456789", 6), now + validity);

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Code), Encoding.UTF8.GetBytes(presented));

    public override string ToString() => $"VerificationCode {{ Code = ***, ExpiresAt = {ExpiresAt:O} }}";
}

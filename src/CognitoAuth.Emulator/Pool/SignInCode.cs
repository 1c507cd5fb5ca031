using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// A code a challenge sent to a person (<c>EMAIL_OTP</c>, <c>SMS_OTP</c>, <c>SMS_MFA</c>): the code, where it went, until when
/// it counts and how many wrong answers it has taken. It lives in its <see cref="ChallengeSession"/> (memory only) and is
/// spent with it. Mutated only under the directory's gate; the code is never shown by <see cref="ToString"/>.
/// </summary>
internal sealed class SignInCode
{
    /// <summary>Cognito's sign-in and MFA codes are valid for three minutes.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(3);

    /// <summary>Wrong answers a code takes before its sign-in is refused for good (the emulator's choice; AWS does not publish its number).</summary>
    public const int MaxWrongAnswers = 3;

    private SignInCode(string code, string medium, string destination, DateTimeOffset expiresAt, bool firstFactor)
    {
        FirstFactor = firstFactor;
        Code = code;
        Medium = medium;
        Destination = destination;
        ExpiresAt = expiresAt;
    }

    public string Code { get; }

    /// <summary><c>EMAIL</c> or <c>SMS</c>.</summary>
    public string Medium { get; }

    /// <summary>The address or phone number, unmasked.</summary>
    public string Destination { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>A passwordless first factor (<c>USER_AUTH</c>), rather than a second factor after the password.</summary>
    public bool FirstFactor { get; }

    public int WrongAnswers { get; set; }

    /// <summary>Whether the message carrying it has gone out (the engine sends it once, outside the lock).</summary>
    public bool Sent { get; set; }

    /// <summary>
    /// A new code: eight digits for the passwordless and e-mail codes (<c>EMAIL_OTP</c>, <c>SMS_OTP</c>, fixed at eight by
    /// Cognito), six for <c>SMS_MFA</c>, as Cognito's SMS MFA messages carry.
    /// </summary>
    public static SignInCode New(string medium, string destination, int digits, DateTimeOffset now, bool firstFactor) =>
        new(RandomNumberGenerator.GetString("0123456789", digits), medium, destination, now + Validity, firstFactor);

    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Code), Encoding.UTF8.GetBytes(presented));

    public override string ToString() => $"SignInCode {{ Medium = {Medium}, Code = ***, ExpiresAt = {ExpiresAt:O}, WrongAnswers = {WrongAnswers} }}";
}

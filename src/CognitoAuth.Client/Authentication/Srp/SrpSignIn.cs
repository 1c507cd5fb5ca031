using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Client.Authentication.Srp;

/// <summary>
/// One <c>USER_SRP_AUTH</c> sign-in, client side (SRP-6a as Cognito does it, byte for byte with amazon-cognito-identity-js's
/// <c>AuthenticationHelper</c>): <see cref="Start"/> picks the ephemeral secret <c>a</c> and gives <see cref="SrpA"/> for
/// <c>InitiateAuth</c>; <see cref="AnswerPasswordVerifier"/> turns the <c>PASSWORD_VERIFIER</c> challenge into the proof.
/// A remembered device proves its password the same way (<c>DEVICE_SRP_AUTH</c>, <see cref="AnswerDevicePasswordVerifier"/>).
/// The password is used there and never kept. Use each instance for one proof only.
/// </summary>
internal sealed class SrpSignIn
{
    /// <summary>The challenge this object answers.</summary>
    public const string ChallengeName = "PASSWORD_VERIFIER";

    /// <summary>The device's challenge this object answers too (<see cref="AnswerDevicePasswordVerifier"/>).</summary>
    public const string DeviceChallengeName = "DEVICE_PASSWORD_VERIFIER";

    // 256 bits: RFC 5054 §2.5.4 asks for at least 256, and 256 is the private-key size NIST pairs with a 3072-bit group
    // (SP 800-56A, FFC parameter set (3072, 256): 128-bit strength). AWS's clients draw 1,024 bits, which adds nothing the
    // group can deliver and quadruples the cost of the two exponentiations in a; Cognito sees only A, which looks the same
    // either way.
    internal const int EphemeralBytes = 32;

    private static readonly byte[] DerivedKeyInfo = Encoding.UTF8.GetBytes("Caldera Derived Key");

    private readonly BigInteger _a;
    private readonly BigInteger _largeA;

    private SrpSignIn(BigInteger a)
    {
        _a = a;
        _largeA = BigInteger.ModPow(SrpGroup.G, a, SrpGroup.N);
        SrpA = SrpInteger.ToHex(_largeA);
    }

    /// <summary><c>SRP_A</c>: <c>g^a mod N</c> in lower-case hex, for <c>InitiateAuth</c>'s <c>AuthParameters</c>.</summary>
    public string SrpA { get; }

    /// <summary>Starts a sign-in with a fresh <c>a</c> from <paramref name="random"/> (default: the system's CSPRNG).</summary>
    public static SrpSignIn Start(RandomFill? random = null)
    {
        random ??= RandomNumberGenerator.Fill;
        Span<byte> bytes = stackalloc byte[EphemeralBytes];
        try
        {
            // a = 0 would make A = 1 and the proof independent of a; only a broken source gives it, so draw again.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                random(bytes);
                var a = SrpInteger.FromUnsigned(bytes);
                if (!a.IsZero)
                {
                    return new SrpSignIn(a);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }

        throw new CryptographicException("The random source gave only zero bytes for the SRP ephemeral secret.");
    }

    /// <summary>
    /// The answer to Cognito's <c>PASSWORD_VERIFIER</c> challenge, signed at <paramref name="time"/>.
    /// </summary>
    /// <param name="challengeParameters">The challenge's <c>SALT</c>, <c>SRP_B</c>, <c>SECRET_BLOCK</c> and <c>USER_ID_FOR_SRP</c>.</param>
    /// <param name="userPoolId">The pool id (<c>region_name</c>); the part after <c>_</c> enters the proof.</param>
    /// <param name="password">The user's password.</param>
    /// <param name="time">Now: the <c>TIMESTAMP</c> Cognito checks against its clock.</param>
    /// <exception cref="CognitoAuthenticationException">
    /// A parameter is missing or malformed, <c>SRP_B mod N = 0</c>, or <c>u = 0</c> (values Cognito never sends; the message
    /// names the parameter, never its value).
    /// </exception>
    public PasswordClaim AnswerPasswordVerifier(IReadOnlyDictionary<string, string> challengeParameters, string userPoolId, string password, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(challengeParameters);
        ArgumentNullException.ThrowIfNull(password);
        var poolName = PoolName(userPoolId);
        var userId = Required(challengeParameters, "USER_ID_FOR_SRP", ChallengeName);
        return Prove(ChallengeName, challengeParameters, poolName, userId, password, time);
    }

    /// <summary>
    /// The answer to Cognito's <c>DEVICE_PASSWORD_VERIFIER</c> challenge: the same proof with the device group key in place of
    /// the pool's name, the device key in place of the user and the device password in place of the user's (as
    /// amazon-cognito-identity-js's <c>getDeviceResponse</c> and Amazon.Extensions.CognitoAuthentication 3.1.1 compute it).
    /// <see cref="PasswordClaim.Username"/> is the device key; the answer's <c>USERNAME</c> stays the user's.
    /// </summary>
    /// <param name="challengeParameters">The challenge's <c>SALT</c>, <c>SRP_B</c> and <c>SECRET_BLOCK</c>.</param>
    /// <param name="device">The remembered device whose password this sign-in proves.</param>
    /// <param name="time">Now: the <c>TIMESTAMP</c>.</param>
    public PasswordClaim AnswerDevicePasswordVerifier(IReadOnlyDictionary<string, string> challengeParameters, CognitoDevice device, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(challengeParameters);
        ArgumentNullException.ThrowIfNull(device);
        return Prove(DeviceChallengeName, challengeParameters, device.DeviceGroupKey, device.DeviceKey, device.DevicePassword, time);
    }

    public override string ToString() => "SrpSignIn { *** }";

    /// <summary>x = H(pad(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)): for a user, and for a device (group key, device key).</summary>
    internal static BigInteger PrivateKey(string poolName, string userId, string password, BigInteger salt)
    {
        var identity = Encoding.UTF8.GetBytes(string.Concat(poolName, userId, ":", password));
        var identityHash = SHA256.HashData(identity);
        CryptographicOperations.ZeroMemory(identity);
        return SrpInteger.FromUnsigned(SHA256.HashData([.. SrpInteger.Pad(salt), .. identityHash]));
    }

    /// <summary>signature = Base64(HMAC-SHA256(K, poolName ‖ userId ‖ SECRET_BLOCK ‖ TIMESTAMP)).</summary>
    private PasswordClaim Prove(string challengeName, IReadOnlyDictionary<string, string> challengeParameters, string poolName, string userId, string password, DateTimeOffset time)
    {
        var secretBlockText = Required(challengeParameters, "SECRET_BLOCK", challengeName);
        var salt = SrpInteger.ParseHex(Required(challengeParameters, "SALT", challengeName), "SALT", challengeName);
        var largeB = SrpInteger.ParseHex(Required(challengeParameters, "SRP_B", challengeName), "SRP_B", challengeName);
        var secretBlock = DecodeSecretBlock(secretBlockText, challengeName);

        var key = PasswordAuthenticationKey(challengeName, poolName, userId, password, salt, largeB);
        var timestamp = CognitoTimestamp.Format(time);
        byte[] message = [.. Encoding.UTF8.GetBytes(poolName), .. Encoding.UTF8.GetBytes(userId), .. secretBlock, .. Encoding.UTF8.GetBytes(timestamp)];
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, message));
        CryptographicOperations.ZeroMemory(key);
        return new PasswordClaim(userId, secretBlockText, timestamp, signature);
    }

    /// <summary>K = HKDF-SHA256(ikm: pad(S), salt: pad(u), info: "Caldera Derived Key", 16 bytes).</summary>
    private byte[] PasswordAuthenticationKey(string challengeName, string poolName, string userId, string password, BigInteger salt, BigInteger largeB)
    {
        var n = SrpGroup.N;
        if ((largeB % n).IsZero)
        {
            throw new CognitoAuthenticationException($"Cognito's {challengeName} challenge carried an SRP_B that is 0 modulo N; the sign-in cannot be completed safely.", challengeName);
        }

        var u = SrpInteger.FromUnsigned(SHA256.HashData([.. SrpInteger.Pad(_largeA), .. SrpInteger.Pad(largeB)]));
        if (u.IsZero)
        {
            throw new CognitoAuthenticationException($"Cognito's {challengeName} challenge gave u = H(A, B) = 0; the sign-in cannot be completed safely.", challengeName);
        }

        var x = PrivateKey(poolName, userId, password, salt);

        // (B - k·g^x) is usually negative (C#'s % keeps the sign): bring it into [0, N), as the protocol's arithmetic is mod N.
        var baseValue = (largeB - (SrpGroup.K * BigInteger.ModPow(SrpGroup.G, x, n))) % n;
        if (baseValue.Sign < 0)
        {
            baseValue += n;
        }

        // Plain BigInteger.ModPow (~17-19 ms for a sign-in here): one SRP sign-in an hour does not earn hand-written arithmetic.
        var s = BigInteger.ModPow(baseValue, _a + (u * x), n);
        var ikm = SrpInteger.Pad(s);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, SrpInteger.Pad(u), DerivedKeyInfo);
        CryptographicOperations.ZeroMemory(ikm);
        return key;
    }

    private static string PoolName(string userPoolId)
    {
        var separator = userPoolId?.LastIndexOf('_') ?? -1;
        return separator > 0 && separator < userPoolId!.Length - 1
            ? userPoolId[(separator + 1)..]
            : throw new ArgumentException("The user pool id must have the form <region>_<id>.", nameof(userPoolId));
    }

    private static string Required(IReadOnlyDictionary<string, string> parameters, string name, string challengeName) =>
        parameters.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw new CognitoAuthenticationException($"Cognito's {challengeName} challenge did not carry {name}.", challengeName);

    private static byte[] DecodeSecretBlock(string secretBlock, string challengeName)
    {
        try
        {
            return Convert.FromBase64String(secretBlock);
        }
        catch (FormatException)
        {
            throw new CognitoAuthenticationException($"Cognito's {challengeName} challenge carried a SECRET_BLOCK that is not Base64.", challengeName);
        }
    }
}

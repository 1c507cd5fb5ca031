using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Emulator.Pool.Srp;

/// <summary>
/// What a pool keeps instead of a password, for every flow: a random salt and <c>v = g^x mod N</c> with
/// <c>x = H(salt ‖ H(poolName ‖ userIdForSrp ‖ ":" ‖ password))</c>. <c>USER_SRP_AUTH</c> proves knowledge of the password
/// against it; the password flows check a password by recomputing v with the stored salt (<see cref="Matches"/>). The
/// verifier is bound to the pool name and the <c>USER_ID_FOR_SRP</c> it was made for (both enter <c>x</c> and the proof).
/// Neither salt nor verifier reveals the password; neither is shown by <see cref="ToString"/>.
/// </summary>
internal sealed class PasswordVerifier
{
    /// <summary>Salt length, as Cognito's salts are (32 hex digits).</summary>
    public const int SaltBytes = 16;

    // SHA-256 of the x that last matched, in memory only: a user's next password sign-in then costs two hashes instead of
    // the 3072-bit power (the data directory keeps salt and verifier alone). It holds no more than the salted digest the pool
    // kept before verifiers, and a wrong password still pays the power.
    private byte[]? _matched;

    private PasswordVerifier(string poolName, string userIdForSrp, byte[] salt, BigInteger verifier)
    {
        PoolName = poolName;
        UserIdForSrp = userIdForSrp;
        Salt = salt;
        Verifier = verifier;
    }

    /// <summary>The pool id's part after <c>_</c>.</summary>
    public string PoolName { get; }

    /// <summary>The <c>USER_ID_FOR_SRP</c> of the challenge (Cognito's username for the user).</summary>
    public string UserIdForSrp { get; }

    /// <summary>The salt; its first byte is never 0x00, so every client reads it back as these 16 bytes.</summary>
    public byte[] Salt { get; }

    /// <summary><c>SALT</c> as the challenge carries it: 32 lower-case hex digits.</summary>
    public string SaltHex => Convert.ToHexStringLower(Salt);

    /// <summary>v = g^x mod N.</summary>
    internal BigInteger Verifier { get; }

    /// <summary>v as unsigned big-endian bytes, for the data directory.</summary>
    public byte[] VerifierBytes => Verifier.ToByteArray(isUnsigned: true, isBigEndian: true);

    /// <summary>
    /// Makes a verifier with a fresh salt. A salt whose first byte is 0x00 is drawn again: clients parse <c>SALT</c> as an
    /// integer and would hash it one byte shorter than a server that hashed the raw bytes (REFERENCE.md).
    /// </summary>
    /// <param name="poolName">The pool id's part after <c>_</c>.</param>
    /// <param name="userIdForSrp">The user's <c>USER_ID_FOR_SRP</c>.</param>
    /// <param name="password">The password; not kept.</param>
    /// <param name="random">Random bytes of the given length (default: the system CSPRNG); tests fix it.</param>
    public static PasswordVerifier Create(string poolName, string userIdForSrp, string password, Func<int, byte[]>? random = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(poolName);
        ArgumentException.ThrowIfNullOrEmpty(userIdForSrp);
        ArgumentNullException.ThrowIfNull(password);
        random ??= RandomNumberGenerator.GetBytes;

        byte[] salt;
        do
        {
            salt = random(SaltBytes);
        }
        while (salt.Length != SaltBytes || salt[0] == 0);

        var x = PrivateValue(poolName, userIdForSrp, password, salt);
        return new PasswordVerifier(poolName, userIdForSrp, salt, GeneratorPowers.Pow(x));
    }

    /// <summary>Rebuilds a verifier from the data directory; <see langword="null"/> when the parts cannot be one.</summary>
    public static PasswordVerifier? FromParts(string poolName, string userIdForSrp, byte[]? salt, byte[]? verifier)
    {
        if (salt is not { Length: SaltBytes } || salt[0] == 0 || verifier is not { Length: > 0 })
        {
            return null;
        }

        var v = new BigInteger(verifier, isUnsigned: true, isBigEndian: true);
        return v.IsZero || v >= SrpMath.N ? null : new PasswordVerifier(poolName, userIdForSrp, [.. salt], v);
    }

    /// <summary>
    /// A device's verifier as its client made it (ConfirmDevice's <c>DeviceSecretVerifierConfig</c>): x over the device group
    /// key, the device key and the device's secret, so <see cref="PoolName"/> is the group key and <see cref="UserIdForSrp"/>
    /// the device key, as the device's proof signs them. The salt is kept as the client sent it (clients send it padded, so
    /// its first byte may be 0x00: it goes back in hex, and clients read it as the same integer). <see langword="null"/> when
    /// the parts cannot be a verifier.
    /// </summary>
    public static PasswordVerifier? FromDeviceParts(string deviceGroupKey, string deviceKey, byte[]? salt, byte[]? verifier)
    {
        if (salt is not { Length: > 0 and <= 1024 } || verifier is not { Length: > 0 and <= 1024 } || string.IsNullOrEmpty(deviceGroupKey) || string.IsNullOrEmpty(deviceKey))
        {
            return null;
        }

        var v = new BigInteger(verifier, isUnsigned: true, isBigEndian: true);
        return v.IsZero || v >= SrpMath.N ? null : new PasswordVerifier(deviceGroupKey, deviceKey, [.. salt], v);
    }

    /// <summary>
    /// Whether <paramref name="password"/> is the one this verifier was made from: x again with the stored salt, then g^x
    /// compared with v in constant time (or x's digest with the last match's). Call under the pool's gate.
    /// </summary>
    public bool Matches(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var x = PrivateValue(PoolName, UserIdForSrp, password, Salt);
        var digest = SHA256.HashData(x.ToByteArray(isUnsigned: true, isBigEndian: true));
        if (_matched is { } matched && CryptographicOperations.FixedTimeEquals(matched, digest))
        {
            return true;
        }

        var expected = SrpMath.Encode(Verifier);
        var candidate = SrpMath.Encode(GeneratorPowers.Pow(x));
        var matches = candidate.Length == expected.Length && CryptographicOperations.FixedTimeEquals(candidate, expected);
        if (matches)
        {
            _matched = digest;
        }

        return matches;
    }

    public override string ToString() => $"PasswordVerifier {{ PoolName = {PoolName}, UserIdForSrp = {UserIdForSrp}, Salt = ***, Verifier = *** }}";

    /// <summary>x, hashing the salt as the integer the client reads from <c>SALT</c> (so the encoding, not the raw bytes).</summary>
    internal static BigInteger PrivateValue(string poolName, string userIdForSrp, string password, byte[] salt)
    {
        var identity = Encoding.UTF8.GetBytes($"{poolName}{userIdForSrp}:{password}");
        var inner = SHA256.HashData(identity);
        CryptographicOperations.ZeroMemory(identity);
        return SrpMath.Hash(SrpMath.Encode(new BigInteger(salt, isUnsigned: true, isBigEndian: true)), inner);
    }
}

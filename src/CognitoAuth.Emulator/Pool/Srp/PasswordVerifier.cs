using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Emulator.Pool.Srp;

/// <summary>
/// What a pool keeps instead of a password for <c>USER_SRP_AUTH</c>: a random salt and <c>v = g^x mod N</c> with
/// <c>x = H(salt ‖ H(poolName ‖ userIdForSrp ‖ ":" ‖ password))</c>. The verifier is bound to the pool name and the
/// <c>USER_ID_FOR_SRP</c> it was made for (both enter <c>x</c> and the proof). Neither salt nor verifier reveals the
/// password; neither is shown by <see cref="ToString"/>.
/// </summary>
internal sealed class PasswordVerifier
{
    /// <summary>Salt length, as Cognito's salts are (32 hex digits).</summary>
    public const int SaltBytes = 16;

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
        return new PasswordVerifier(poolName, userIdForSrp, salt, BigInteger.ModPow(SrpMath.G, x, SrpMath.N));
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

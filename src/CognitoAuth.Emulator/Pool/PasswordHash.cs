using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// A salted SHA-256 of a password, so the emulator's memory holds no password in the clear. Speed matters more
/// than brute-force resistance here: fleet tests sign in many times, and the data never leaves the process.
/// </summary>
internal sealed class PasswordHash
{
    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private PasswordHash(byte[] salt, byte[] hash)
    {
        _salt = salt;
        _hash = hash;
    }

    public static PasswordHash Of(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new PasswordHash(salt, Compute(salt, password));
    }

    /// <summary>Rebuilds a hash from the data directory.</summary>
    public static PasswordHash FromParts(byte[] salt, byte[] hash) => new(salt, hash);

    /// <summary>The salt and digest, for the data directory (never the password).</summary>
    public (byte[] Salt, byte[] Hash) Parts => (_salt, _hash);

    public bool Matches(string password) => CryptographicOperations.FixedTimeEquals(_hash, Compute(_salt, password));

    public override string ToString() => "PasswordHash { *** }";

    private static byte[] Compute(byte[] salt, string password)
    {
        var input = new byte[salt.Length + Encoding.UTF8.GetByteCount(password)];
        salt.CopyTo(input, 0);
        Encoding.UTF8.GetBytes(password, input.AsSpan(salt.Length));
        return SHA256.HashData(input);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Client.Redis.Storage;

/// <summary>
/// Names and seals token entries with two keys derived (HKDF-SHA256) from the configured key. An entry's name is an HMAC of
/// the client's store key (endpoint, pool, app client, user), so Redis never holds a user name and nobody without the key can
/// tell which user an entry belongs to. Its value is AES-256-GCM ciphertext bound to that name, so an entry that was altered,
/// moved under another name, or written with another key fails to open.
/// </summary>
internal sealed class TokenProtector
{
    public const int KeySize = 32;

    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize;

    private readonly byte[] _nameKey = new byte[KeySize];
    private readonly byte[] _sealKey = new byte[KeySize];
    private readonly string _prefix;

    public TokenProtector(string encryptionKey, string prefix)
    {
        if (!AesGcm.IsSupported)
        {
            throw new PlatformNotSupportedException("AES-GCM is not available on this platform; the Redis token store needs it.");
        }

        var key = Decode(encryptionKey) ?? throw new ArgumentException($"The encryption key is not {KeySize} bytes in base64.", nameof(encryptionKey));
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, _nameKey, salt: [], info: "CognitoAuth.Client.Redis entry name v1"u8);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, _sealKey, salt: [], info: "CognitoAuth.Client.Redis entry seal v1"u8);
        CryptographicOperations.ZeroMemory(key);
        _prefix = prefix;
    }

    /// <summary>Whether <paramref name="encryptionKey"/> is <see cref="KeySize"/> bytes in base64.</summary>
    public static bool IsValidKey(string encryptionKey)
    {
        var key = Decode(encryptionKey);
        if (key is null)
        {
            return false;
        }

        CryptographicOperations.ZeroMemory(key);
        return true;
    }

    /// <summary>The Redis key of the entry for <paramref name="storeKey"/>: the prefix and a hex HMAC-SHA256.</summary>
    public string EntryName(string storeKey) =>
        _prefix + Convert.ToHexString(HMACSHA256.HashData(_nameKey, Encoding.UTF8.GetBytes(storeKey))).ToLowerInvariant();

    /// <summary>The Redis key of the renewal lock for <paramref name="storeKey"/>.</summary>
    public string LockName(string storeKey) => EntryName(storeKey) + ":lock";

    /// <summary>Version byte, random nonce, ciphertext and tag; the entry name is authenticated with it.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, string entryName)
    {
        var sealedEntry = new byte[HeaderSize + plaintext.Length + TagSize];
        sealedEntry[0] = FormatVersion;
        var nonce = sealedEntry.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_sealKey, TagSize);
        aes.Encrypt(nonce, plaintext, sealedEntry.AsSpan(HeaderSize, plaintext.Length), sealedEntry.AsSpan(HeaderSize + plaintext.Length), Encoding.UTF8.GetBytes(entryName));
        return sealedEntry;
    }

    /// <summary>The plaintext, or <see langword="null"/> when the entry is not one this key sealed under this name, intact.</summary>
    public byte[]? Open(ReadOnlySpan<byte> sealedEntry, string entryName)
    {
        if (sealedEntry.Length < HeaderSize + TagSize || sealedEntry[0] != FormatVersion)
        {
            return null;
        }

        var length = sealedEntry.Length - HeaderSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(_sealKey, TagSize);
        try
        {
            aes.Decrypt(sealedEntry.Slice(1, NonceSize), sealedEntry.Slice(HeaderSize, length), sealedEntry[^TagSize..], plaintext, Encoding.UTF8.GetBytes(entryName));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[]? Decode(string? encryptionKey)
    {
        if (string.IsNullOrEmpty(encryptionKey))
        {
            return null;
        }

        var buffer = new byte[(encryptionKey.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(encryptionKey.Trim(), buffer, out var written) || written != KeySize)
        {
            CryptographicOperations.ZeroMemory(buffer);
            return null;
        }

        var key = buffer[..KeySize];
        CryptographicOperations.ZeroMemory(buffer);
        return key;
    }
}

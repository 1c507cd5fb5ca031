using System.Security.Cryptography;

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// What protects the token file's bytes beyond its permissions: on Windows, DPAPI for the current user (only that user, on
/// that machine, can read them back); elsewhere nothing — on Linux and macOS the file is protected by its owner-only
/// permissions alone (0600 in a 0700 folder), as ssh keys and the AWS CLI's cache are.
/// </summary>
internal static class TokenFileProtection
{
    // Binds the DPAPI blob to this use: another program's blob of the same user cannot pass for a token file.
    private static readonly byte[] Entropy = "CognitoAuth.Client token file cache v1"u8.ToArray();

    /// <summary>Whether this platform encrypts the file.</summary>
    public static bool Encrypts => OperatingSystem.IsWindows();

    public static byte[] Protect(byte[] plain) =>
        OperatingSystem.IsWindows() ? ProtectedData.Protect(plain, Entropy, DataProtectionScope.CurrentUser) : plain;

    /// <summary>The plain bytes; <see cref="CryptographicException"/> when the blob is not this user's or is damaged.</summary>
    public static byte[] Unprotect(byte[] stored) =>
        OperatingSystem.IsWindows() ? ProtectedData.Unprotect(stored, Entropy, DataProtectionScope.CurrentUser) : stored;
}

using System.Numerics;
using System.Security.Cryptography;

namespace CognitoAuth.Client.Authentication.Srp;

/// <summary>
/// What confirms a new device (<c>ConfirmDevice</c>'s <c>DeviceSecretVerifierConfig</c>), as amazon-cognito-identity-js's
/// <c>generateHashDevice(deviceGroupKey, deviceKey)</c> and Amazon.Extensions.CognitoAuthentication's
/// <c>GenerateDeviceVerifier</c> compute it: a random device password (40 bytes, Base64), a random 16-byte salt, and the
/// SRP verifier <c>g^x mod N</c> with x = H(pad(salt) ‖ H(deviceGroupKey ‖ deviceKey ‖ ":" ‖ password)). Cognito keeps the
/// verifier and salt; the password stays with the client, which proves it on later sign-ins.
/// </summary>
internal sealed class DeviceVerifier
{
    private const int PasswordBytes = 40;
    private const int SaltBytes = 16;

    private DeviceVerifier(CognitoDevice device, string passwordVerifier, string salt)
    {
        Device = device;
        PasswordVerifier = passwordVerifier;
        Salt = salt;
    }

    /// <summary>The device with its new password, to keep with the tokens once Cognito confirmed it.</summary>
    public CognitoDevice Device { get; }

    /// <summary><c>PasswordVerifier</c>: Base64 of pad(g^x mod N).</summary>
    public string PasswordVerifier { get; }

    /// <summary><c>Salt</c>: Base64 of pad(salt).</summary>
    public string Salt { get; }

    /// <summary>A new password for the device Cognito named, and its verifier; <paramref name="random"/> defaults to the system's CSPRNG.</summary>
    public static DeviceVerifier Create(string deviceKey, string deviceGroupKey, RandomFill? random = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceKey);
        ArgumentException.ThrowIfNullOrEmpty(deviceGroupKey);
        random ??= RandomNumberGenerator.Fill;
        var passwordBytes = new byte[PasswordBytes];
        Span<byte> saltBytes = stackalloc byte[SaltBytes];
        random(passwordBytes);
        random(saltBytes);
        var password = Convert.ToBase64String(passwordBytes);
        CryptographicOperations.ZeroMemory(passwordBytes);

        // The salt is read as an unsigned integer and written back padded, as the JavaScript client does (padHex of the hex).
        var salt = SrpInteger.FromUnsigned(saltBytes);
        var verifier = BigInteger.ModPow(SrpGroup.G, SrpSignIn.PrivateKey(deviceGroupKey, deviceKey, password, salt), SrpGroup.N);
        var device = new CognitoDevice { DeviceKey = deviceKey, DeviceGroupKey = deviceGroupKey, DevicePassword = password };
        return new DeviceVerifier(device, Convert.ToBase64String(SrpInteger.Pad(verifier)), Convert.ToBase64String(SrpInteger.Pad(salt)));
    }

    public override string ToString() => $"DeviceVerifier {{ DeviceKey = {Device.DeviceKey}, PasswordVerifier = ***, Salt = *** }}";
}

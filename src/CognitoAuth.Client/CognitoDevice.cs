using CognitoAuth.Client.Diagnostics;

namespace CognitoAuth.Client;

/// <summary>
/// A device Cognito remembers for a user (<see cref="CognitoApiClientOptions.RememberDevice"/>): the keys Cognito gave it
/// (<c>NewDeviceMetadata</c>) and the random device password whose SRP verifier it was confirmed with. Kept with the user's
/// tokens (<see cref="CognitoTokenSet.Device"/>), so a store shared by a fleet shares one device. The device password is a
/// secret: <see cref="ToString"/> redacts it, and it is never sent to Cognito (later sign-ins prove it with SRP).
/// </summary>
public sealed class CognitoDevice
{
    /// <summary>Gets the device key (<c>DEVICE_KEY</c>), <c>{region}_{uuid}</c>.</summary>
    public required string DeviceKey { get; init; }

    /// <summary>Gets the device group key: with the device key, what the device's SRP proof is computed over.</summary>
    public required string DeviceGroupKey { get; init; }

    /// <summary>Gets the random device password (40 random bytes in Base64, as AWS's clients make it). A secret.</summary>
    public required string DevicePassword { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"CognitoDevice {{ DeviceKey = {DeviceKey}, DeviceGroupKey = {DeviceGroupKey}, DevicePassword = {Redaction.Mask(DevicePassword)} }}";
}

using CognitoAuth.Emulator.Pool.Srp;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// One device of a user, as Cognito tracks it: the key and group key a sign-in handed out (<c>NewDeviceMetadata</c>), and
/// once ConfirmDevice has run, the device's SRP verifier (over the group key, the device key and a secret only the device
/// knows), its name and whether it is remembered. An unconfirmed device is only a key waiting for ConfirmDevice: no
/// operation lists it and no sign-in can use it. Mutated only under the directory's gate; <see cref="ToString"/> shows no
/// verifier.
/// </summary>
internal sealed class DeviceRecord(string key, string groupKey, string username, DateTimeOffset createdAt, long sequence)
{
    /// <summary><c>{region}_{uuid}</c>.</summary>
    public string Key { get; } = key;

    /// <summary>The group key: the "pool name" of the device's SRP.</summary>
    public string GroupKey { get; } = groupKey;

    /// <summary>The owner's real username.</summary>
    public string Username { get; } = username;

    /// <summary>The registry's creation counter: the lists page in this order.</summary>
    public long Sequence { get; } = sequence;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset LastModifiedAt { get; set; } = createdAt;

    /// <summary>The last sign-in that handed out or proved the device.</summary>
    public DateTimeOffset LastAuthenticatedAt { get; set; } = createdAt;

    /// <summary>The device's SRP verifier (ConfirmDevice's <c>DeviceSecretVerifierConfig</c>); <see langword="null"/> until confirmed.</summary>
    public PasswordVerifier? Verifier { get; set; }

    public bool Confirmed => Verifier is not null;

    /// <summary>ConfirmDevice's <c>DeviceName</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>remembered</c> rather than <c>not_remembered</c>.</summary>
    public bool Remembered { get; set; }

    /// <summary>The remembered status as the API spells it.</summary>
    public string RememberedStatus => Remembered ? "remembered" : "not_remembered";

    public override string ToString() => $"DeviceRecord {{ Key = {Key}, Username = {Username}, Confirmed = {Confirmed}, Remembered = {Remembered}, Verifier = *** }}";
}

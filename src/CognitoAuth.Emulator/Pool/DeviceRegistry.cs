using System.Security.Cryptography;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// A pool's devices, by key. A sign-in of a pool that remembers devices hands out a new key (<see cref="Issue"/>); ConfirmDevice
/// makes it a device of its user. Keys never confirmed are kept in memory only and the oldest dropped past
/// <see cref="PendingLimit"/>, so a pool whose clients ignore <c>NewDeviceMetadata</c> stays bounded; confirmed devices go to the
/// data directory. Call under the directory's gate.
/// </summary>
internal sealed class DeviceRegistry(string region)
{
    /// <summary>How many unconfirmed keys the pool keeps.</summary>
    public const int PendingLimit = 4096;

    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Dictionary<string, DeviceRecord> _devices = new(StringComparer.Ordinal);
    private readonly Queue<string> _pending = new();
    private long _nextSequence;

    /// <summary>The confirmed devices, for the data directory.</summary>
    public IEnumerable<DeviceRecord> Confirmed => _devices.Values.Where(d => d.Confirmed).OrderBy(d => d.Sequence);

    /// <summary>A new device key for <paramref name="user"/>: <c>{region}_{uuid}</c>, and a group key shaped as Cognito's (<c>-</c> and 8 letters or digits).</summary>
    public DeviceRecord Issue(PoolUser user, DateTimeOffset now)
    {
        while (_pending.Count >= PendingLimit && _pending.TryDequeue(out var oldest))
        {
            if (_devices.TryGetValue(oldest, out var stale) && !stale.Confirmed)
            {
                _devices.Remove(oldest);
            }
        }

        var device = new DeviceRecord($"{region}_{Guid.NewGuid()}", "-" + RandomNumberGenerator.GetString(Alphanumeric, 8), user.Username, now, ++_nextSequence);
        _devices.Add(device.Key, device);
        _pending.Enqueue(device.Key);
        return device;
    }

    /// <summary>A device of <paramref name="user"/> by key, confirmed or not; <see langword="null"/> for another's or an unknown key.</summary>
    public DeviceRecord? Find(string? key, PoolUser user) =>
        key is not null && _devices.TryGetValue(key, out var device) && device.Username == user.Username ? device : null;

    /// <summary>A confirmed device of <paramref name="user"/> by key: one a sign-in can prove and the operations show.</summary>
    public DeviceRecord? FindConfirmed(string? key, PoolUser user) => Find(key, user) is { Confirmed: true } device ? device : null;

    /// <summary>The confirmed devices of a user, oldest first.</summary>
    public IReadOnlyList<DeviceRecord> Of(PoolUser user) =>
        [.. _devices.Values.Where(d => d.Confirmed && d.Username == user.Username).OrderBy(d => d.Sequence)];

    /// <summary>Whether the device that bound a refresh token is still confirmed (not forgotten, not replaced).</summary>
    public bool IsConfirmed(string key) => _devices.TryGetValue(key, out var device) && device.Confirmed;

    public void Forget(DeviceRecord device) => _devices.Remove(device.Key);

    /// <summary>Forgets every device of a user (the user is deleted).</summary>
    public void ForgetAllOf(string username)
    {
        foreach (var device in _devices.Values.Where(d => d.Username == username).ToList())
        {
            _devices.Remove(device.Key);
        }
    }

    /// <summary>Adds a confirmed device from the data directory.</summary>
    public void Restore(DeviceRecord device)
    {
        _devices[device.Key] = device;
        _nextSequence = Math.Max(_nextSequence, device.Sequence);
    }

    public override string ToString() => $"DeviceRegistry {{ Devices = {_devices.Count} }}";
}

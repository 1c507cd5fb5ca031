using System.Collections.Concurrent;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// Which <see cref="TokenSlot"/> a client context uses: one slot per user (store key), shared by the client names whose
/// options name that user. When a name's options come to name another user, the old user's slot is dropped — signed out —
/// unless another name still serves that user.
/// </summary>
internal sealed class UserSlots
{
    private readonly ConcurrentDictionary<string, TokenSlot> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _userOfName = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Binds <paramref name="client"/> to its user's slot; <c>Dropped</c> is the store key of a user no name serves any more.</summary>
    public (BoundClient Bound, string? Dropped) Bind(CognitoClientContext client)
    {
        string? dropped = null;
        TokenSlot slot;
        lock (_gate)
        {
            slot = _slots.GetOrAdd(client.StoreKey, static _ => new TokenSlot());
            if (_userOfName.TryGetValue(client.Name, out var previous) && !string.Equals(previous, client.StoreKey, StringComparison.Ordinal))
            {
                _userOfName[client.Name] = client.StoreKey;
                if (!_userOfName.ContainsValue(previous) && _slots.TryRemove(previous, out var old))
                {
                    old.SignOut();
                    dropped = previous;
                }
            }
            else
            {
                _userOfName[client.Name] = client.StoreKey;
            }
        }

        return (new BoundClient(client, slot), dropped);
    }
}

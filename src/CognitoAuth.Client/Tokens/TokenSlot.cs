namespace CognitoAuth.Client.Tokens;

/// <summary>
/// The tokens this process serves for one user (one store key), with their header values: the token manager's in-memory
/// cache. Client names for the same user share one slot, found once when their context is built, so a request reads a
/// field instead of hashing the store key.
/// </summary>
internal sealed class TokenSlot
{
    private CachedTokens? _current;

    public CachedTokens? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }
}

using CognitoAuth.Client.Authentication;

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// What this process holds for one user (one store key): the tokens it serves with their header values, what sign-ins
/// learned about the user, the pause after a failed sign-in, and a sign-out counter. Client names for the same user share
/// one slot. The only mutable per-user state of the package; every field is read and written whole.
/// </summary>
internal sealed class TokenSlot
{
    private CachedTokens? _current;
    private SignInMemory _memory = SignInMemory.None;
    private SignInPause? _pause;
    private int _signOuts;

    public CachedTokens? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    public SignInMemory Memory
    {
        get => Volatile.Read(ref _memory);
        set => Volatile.Write(ref _memory, value);
    }

    /// <summary>Set after a sign-in failed for a reason a retry cannot fix; cleared by a successful sign-in or a forced renewal.</summary>
    public SignInPause? Pause
    {
        get => Volatile.Read(ref _pause);
        set => Volatile.Write(ref _pause, value);
    }

    /// <summary>Counts sign-outs: a renewal that began before one keeps nothing it obtains.</summary>
    public int SignOuts => Volatile.Read(ref _signOuts);

    /// <summary>
    /// Keeps <paramref name="tokens"/> as the current ones unless a sign-out came after <paramref name="signOutsSeen"/> was read
    /// (before the store read or the renewal that produced them): a request racing a sign-out may use what it got, once, but
    /// cannot put it back.
    /// </summary>
    public void KeepUnlessSignedOut(CachedTokens tokens, int signOutsSeen)
    {
        Current = tokens;
        if (SignOuts != signOutsSeen)
        {
            // A sign-out cleared the slot before this write, or is about to: either way, what it cleared stays cleared.
            Interlocked.CompareExchange(ref _current, null, tokens);
        }
    }

    /// <summary>Forgets the tokens, and makes renewals already under way keep nothing.</summary>
    public void SignOut()
    {
        Interlocked.Increment(ref _signOuts);
        Current = null;
    }
}

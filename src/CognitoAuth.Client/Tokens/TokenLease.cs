namespace CognitoAuth.Client.Tokens;

/// <summary>
/// Lets one client serve <see cref="Tokens"/> without reading the wall clock until <see cref="TokenClock.Milliseconds"/>
/// reaches <see cref="Until"/>: at most <see cref="TokenClock.RecheckInterval"/> after the wall clock last found them fresh,
/// and never past the moment it said they become due. Immutable: concurrent requests share it.
/// </summary>
internal sealed class TokenLease(CachedTokens tokens, long until)
{
    public CachedTokens Tokens { get; } = tokens;

    public long Until { get; } = until;
}

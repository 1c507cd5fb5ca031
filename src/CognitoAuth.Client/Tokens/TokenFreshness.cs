namespace CognitoAuth.Client.Tokens;

/// <summary>When a token set is due for renewal.</summary>
internal static class TokenFreshness
{
    /// <summary>
    /// Fresh until <paramref name="refreshBefore"/> ahead of expiry; for a lifetime shorter than that, until half the lifetime
    /// is left (otherwise short-lived tokens would be renewed on every request).
    /// </summary>
    public static bool IsFresh(CognitoTokenSet tokens, DateTimeOffset now, TimeSpan refreshBefore) => FreshFor(tokens, now, refreshBefore) > TimeSpan.Zero;

    /// <summary>How long from <paramref name="now"/> the tokens stay fresh (zero or less when they are due).</summary>
    public static TimeSpan FreshFor(CognitoTokenSet tokens, DateTimeOffset now, TimeSpan refreshBefore)
    {
        var lifetime = tokens.ExpiresAt - tokens.IssuedAt;
        var margin = lifetime < refreshBefore ? lifetime / 2 : refreshBefore;
        return tokens.ExpiresAt - margin - now;
    }
}

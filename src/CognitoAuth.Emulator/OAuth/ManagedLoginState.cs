using System.Security.Cryptography;

namespace CognitoAuth.Emulator.OAuth;

/// <summary>
/// What the managed login keeps between requests, in memory only (as the challenge sessions): the authorization codes it
/// issued, the sign-ins in progress (a browser between the password page and the new-password or TOTP page), and the
/// browsers' managed-login sessions (the <c>cognito</c> cookie, which signs a browser in again without a password for an
/// hour). Cookies carry random ids only; everything else stays here. Use under the directory's gate.
/// </summary>
internal sealed class ManagedLoginState
{
    /// <summary>AWS: the code is "valid for five minutes".</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Managed login's session cookie lasts an hour (AWS's managed-login guide), after which the user signs in again.</summary>
    public static readonly TimeSpan BrowserSessionLifetime = TimeSpan.FromHours(1);

    /// <summary>A step of a sign-in in progress lasts as a challenge session does.</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingLogin> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrowserSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>How many browsers are signed in (live or not yet pruned sessions), for the local page.</summary>
    public int BrowserSessionCount => _sessions.Count;

    public string IssueCode(AuthorizationCode code, DateTimeOffset now)
    {
        Prune(_codes, c => now >= c.ExpiresAt);
        var value = Guid.NewGuid().ToString();
        _codes.Add(value, code);
        return value;
    }

    public AuthorizationCode? FindCode(string code) => _codes.GetValueOrDefault(code);

    public string StartPending(PendingLogin pending, DateTimeOffset now)
    {
        Prune(_pending, p => now >= p.ExpiresAt);
        var id = NewId();
        _pending.Add(id, pending);
        return id;
    }

    public PendingLogin? FindPending(string? id, DateTimeOffset now) =>
        id is not null && _pending.TryGetValue(id, out var pending) && now < pending.ExpiresAt ? pending : null;

    public void EndPending(string? id)
    {
        if (id is not null)
        {
            _pending.Remove(id);
        }
    }

    public string StartBrowserSession(BrowserSession session, DateTimeOffset now)
    {
        Prune(_sessions, s => now >= s.ExpiresAt);
        var id = NewId();
        _sessions.Add(id, session);
        return id;
    }

    public BrowserSession? FindBrowserSession(string? id, DateTimeOffset now) =>
        id is not null && _sessions.TryGetValue(id, out var session) && now < session.ExpiresAt ? session : null;

    public void EndBrowserSession(string? id)
    {
        if (id is not null)
        {
            _sessions.Remove(id);
        }
    }

    /// <summary>Signs every browser of a user out of the managed login (the local page's "sign out", a deleted user).</summary>
    public int EndBrowserSessionsOf(string poolId, string username)
    {
        var ended = 0;
        foreach (var (id, session) in _sessions)
        {
            if (session.PoolId == poolId && session.Username == username)
            {
                _sessions.Remove(id);
                ended++;
            }
        }

        return ended;
    }

    /// <summary>
    /// Forgets a deleted user: its browsers' sessions, its sign-ins in progress and its unspent codes. All of them name the user
    /// by username only, so a user created again under the same name would otherwise inherit them.
    /// </summary>
    public void EndEverythingOf(string poolId, string username)
    {
        EndBrowserSessionsOf(poolId, username);
        foreach (var (id, pending) in _pending)
        {
            if (pending.PoolId == poolId && pending.Username == username)
            {
                _pending.Remove(id);
            }
        }

        foreach (var (value, code) in _codes)
        {
            if (code.PoolId == poolId && code.Username == username)
            {
                _codes.Remove(value);
            }
        }
    }

    public override string ToString() => $"ManagedLoginState {{ Codes = {_codes.Count}, Pending = {_pending.Count}, Sessions = {_sessions.Count} }}";

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    // Bounded like the pools' sessions: a scan only once the map has grown.
    private static void Prune<T>(Dictionary<string, T> entries, Func<T, bool> expired)
    {
        if (entries.Count < 1024)
        {
            return;
        }

        foreach (var (key, value) in entries)
        {
            if (expired(value))
            {
                entries.Remove(key);
            }
        }
    }
}

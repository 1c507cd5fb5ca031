using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// What the managed login keeps between requests: the authorization codes it issued (in memory only: they last five
/// minutes) and the browsers' managed-login sessions (the <c>cognito</c> cookie, which signs a browser in again without a
/// password for an hour; kept by the data directory, under a digest of the cookie, so a restart keeps browsers signed in).
/// Cookies carry random ids only; everything else stays here. Use under the directory's gate; <paramref name="changed"/>
/// is told of every change to what the data directory keeps.
/// </summary>
internal sealed class ManagedLoginState(Action changed)
{
    /// <summary>AWS: the code is "valid for five minutes".</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Managed login's session cookie lasts an hour (AWS's managed-login guide), after which the user signs in again.</summary>
    public static readonly TimeSpan BrowserSessionLifetime = TimeSpan.FromHours(1);

    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
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

    /// <summary>The browser sessions under their cookies' digests, for the data directory.</summary>
    public IEnumerable<KeyValuePair<string, BrowserSession>> BrowserSessions => _sessions;

    public string StartBrowserSession(BrowserSession session, DateTimeOffset now)
    {
        if (Prune(_sessions, s => now >= s.ExpiresAt))
        {
            changed();
        }

        var id = NewId();
        _sessions.Add(Fingerprint(id), session);
        changed();
        return id;
    }

    /// <summary>Adds a browser session loaded from the data directory, under its cookie's digest.</summary>
    public void RestoreBrowserSession(string fingerprint, BrowserSession session) => _sessions[fingerprint] = session;

    public BrowserSession? FindBrowserSession(string? id, DateTimeOffset now) =>
        id is not null && _sessions.TryGetValue(Fingerprint(id), out var session) && now < session.ExpiresAt ? session : null;

    public void EndBrowserSession(string? id)
    {
        if (id is not null && _sessions.Remove(Fingerprint(id)))
        {
            changed();
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

        if (ended > 0)
        {
            changed();
        }

        return ended;
    }

    /// <summary>
    /// Forgets a deleted user: its browsers' sessions and its unspent codes (its sign-ins in progress are challenge sessions,
    /// which the pool ends). All of them name the user by username only, so a user created again under the same name would
    /// otherwise inherit them.
    /// </summary>
    public void EndEverythingOf(string poolId, string username)
    {
        EndBrowserSessionsOf(poolId, username);

        foreach (var (value, code) in _codes)
        {
            if (code.PoolId == poolId && code.Username == username)
            {
                _codes.Remove(value);
            }
        }
    }

    public override string ToString() => $"ManagedLoginState {{ Codes = {_codes.Count}, Sessions = {_sessions.Count} }}";

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    // Sessions are looked up by a digest of the cookie, so neither a dump of the state nor the data directory holds one.
    private static string Fingerprint(string id) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    // Bounded like the pools' sessions: a scan only once the map has grown.
    private static bool Prune<T>(Dictionary<string, T> entries, Func<T, bool> expired)
    {
        if (entries.Count < 1024)
        {
            return false;
        }

        var removed = false;
        foreach (var (key, value) in entries)
        {
            if (expired(value))
            {
                removed |= entries.Remove(key);
            }
        }

        return removed;
    }
}

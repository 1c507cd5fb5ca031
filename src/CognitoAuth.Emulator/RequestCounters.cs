using System.Collections.Concurrent;

namespace CognitoAuth.Emulator;

/// <summary>
/// Thread-safe counts of requests by name: Cognito operations (<c>AdminInitiateAuth</c>, <c>InitiateAuth</c>, …) or
/// API route keys (<c>GET /hello</c>). A request is counted when it arrives, whatever its outcome, so tests can
/// assert how often a client called, e.g. "sign-ins = token expiries + 1".
/// </summary>
public sealed class RequestCounters
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    // Each emulator counts its own requests; a test reads them from CognitoEmulator.CognitoRequests and ApiRequests.
    internal RequestCounters()
    {
    }

    /// <summary>How many requests named <paramref name="name"/> arrived; 0 when none did.</summary>
    /// <param name="name">An operation name or route key.</param>
    public long this[string name] => _counts.GetValueOrDefault(name);

    /// <summary>How many requests arrived in all.</summary>
    public long Total => _counts.Values.Sum();

    /// <summary>A point-in-time copy of every non-zero count.</summary>
    /// <returns>The counts by name.</returns>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    /// <summary>Sets every count back to zero, e.g. between the phases of a test.</summary>
    public void Reset() => _counts.Clear();

    internal void Increment(string name) => _counts.AddOrUpdate(name, 1, static (_, count) => count + 1);

    /// <inheritdoc />
    public override string ToString() => $"RequestCounters {{ Total = {Total} }}";
}

using System.Collections.Concurrent;

namespace CognitoAuth.Emulator;

/// <summary>
/// Faults waiting to be applied to the Cognito endpoint, per operation, first in first out: each request for an
/// operation takes the next fault queued for it, and behaves normally when none is left. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// emulator.Faults.Enqueue("AdminInitiateAuth", CognitoFault.Throttle(), CognitoFault.Throttle());
/// // the next two AdminInitiateAuth requests are throttled, the third is answered
/// </code>
/// </example>
public sealed class CognitoFaults
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<CognitoFault>> _pending = new(StringComparer.Ordinal);
    private readonly RequestCounters _applied = new();

    // Each emulator has its own; a test gets it from CognitoEmulator.Faults.
    internal CognitoFaults()
    {
    }

    /// <summary>
    /// Gets how many faults have been applied, by operation name. A <see cref="CognitoFaultKind.Slow"/> or
    /// <see cref="CognitoFaultKind.Hang"/> fault counts once its hold has begun, that is once its timer is set on the
    /// emulator's <see cref="CognitoEmulatorOptions.TimeProvider"/>: a test can advance a fake clock as soon as the count moves.
    /// </summary>
    public RequestCounters Applied => _applied;

    /// <summary>Queues <paramref name="faults"/> for the next requests of <paramref name="operation"/>, in order.</summary>
    /// <param name="operation">The operation name as in <c>X-Amz-Target</c>, e.g. <c>AdminInitiateAuth</c>.</param>
    /// <param name="faults">The faults, one per request.</param>
    public void Enqueue(string operation, params CognitoFault[] faults)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(faults);
        var queue = _pending.GetOrAdd(operation, static _ => new ConcurrentQueue<CognitoFault>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault ?? throw new ArgumentException("A fault is null.", nameof(faults)));
        }
    }

    /// <summary>Queues <paramref name="count"/> copies of <paramref name="fault"/> for <paramref name="operation"/>.</summary>
    /// <param name="operation">The operation name, e.g. <c>InitiateAuth</c>.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests it applies to.</param>
    public void Enqueue(string operation, CognitoFault fault, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Enqueue(operation, Enumerable.Repeat(fault, count).ToArray());
    }

    /// <summary>How many faults are still queued for <paramref name="operation"/>.</summary>
    /// <param name="operation">The operation name.</param>
    /// <returns>The count.</returns>
    public int Pending(string operation) => _pending.TryGetValue(operation, out var queue) ? queue.Count : 0;

    /// <summary>Drops every queued fault; the endpoint behaves normally again.</summary>
    public void Clear() => _pending.Clear();

    /// <summary>Takes the fault for the request now arriving for <paramref name="operation"/>, if one is queued; <see cref="CountApplied"/> counts it.</summary>
    internal CognitoFault? Take(string operation) =>
        _pending.TryGetValue(operation, out var queue) && queue.TryDequeue(out var fault) ? fault : null;

    /// <summary>Counts a fault taken for <paramref name="operation"/> as applied.</summary>
    internal void CountApplied(string operation) => _applied.Increment(operation);

    /// <inheritdoc />
    public override string ToString() => $"CognitoFaults {{ Pending = {_pending.Values.Sum(q => q.Count)}, Applied = {_applied.Total} }}";
}

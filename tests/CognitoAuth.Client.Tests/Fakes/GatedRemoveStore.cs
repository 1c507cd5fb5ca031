using System.Collections.Concurrent;

namespace CognitoAuth.Client.Tests.Fakes;

/// <summary>An in-memory token store whose removals can be held at a gate, to race requests against a sign-out or a drop.</summary>
internal sealed class GatedRemoveStore : ICognitoTokenStore
{
    public ConcurrentDictionary<string, CognitoTokenSet> Entries { get; } = new();

    /// <summary>When set, removals wait for it (or for their cancellation token) before they remove.</summary>
    public TaskCompletionSource? RemoveGate { get; set; }

    /// <summary>Completes when a removal begins.</summary>
    public TaskCompletionSource Removing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The cancellation token of every removal.</summary>
    public ConcurrentQueue<CancellationToken> RemovedWith { get; } = new();

    public ValueTask<CognitoTokenSet?> GetAsync(string key, CancellationToken cancellationToken) => new(Entries.GetValueOrDefault(key));

    public ValueTask SetAsync(string key, CognitoTokenSet tokens, CancellationToken cancellationToken)
    {
        Entries[key] = tokens;
        return ValueTask.CompletedTask;
    }

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        RemovedWith.Enqueue(cancellationToken);
        Removing.TrySetResult();
        if (RemoveGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        Entries.TryRemove(key, out _);
    }
}

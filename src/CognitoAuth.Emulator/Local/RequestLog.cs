using CognitoAuth.Emulator.Triggers;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Local;

/// <summary>
/// The latest requests to both endpoints with their outcome, for the local page; in memory only, the oldest go once
/// <see cref="Capacity"/> is reached. The local page's own requests are not listed. Each request carries the trigger runs
/// it made (<see cref="Observe"/>, the <see cref="LambdaRunner.Observer"/>): which trigger ran which function, how it ended,
/// how long it took — collected per request in the request's own async flow between <see cref="Begin"/> and
/// <see cref="Record"/>.
/// </summary>
internal sealed class RequestLog(TimeProvider time)
{
    public const int Capacity = 100;

    private const string TargetPrefix = "AWSCognitoIdentityProviderService.";

    private readonly Queue<RequestLogEntry> _entries = new();
    private readonly Lock _gate = new();
    private readonly AsyncLocal<List<TriggerInvocation>?> _runs = new();

    /// <summary>Starts collecting the trigger runs of the request whose async flow calls it (before its handler runs).</summary>
    public void Begin() => _runs.Value = [];

    /// <summary>A trigger run, kept with the request under way in the caller's async flow (none outside a request).</summary>
    public void Observe(TriggerInvocation run)
    {
        if (_runs.Value is { } runs)
        {
            lock (runs)
            {
                runs.Add(run);
            }
        }
    }

    /// <summary>Records a finished request of the Cognito endpoint (<paramref name="api"/> false) or the HTTP API.</summary>
    public void Record(HttpContext context, bool api)
    {
        var runs = _runs.Value;
        _runs.Value = null;
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (!api && path.StartsWith(LocalPage.PathPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var target = request.Headers["X-Amz-Target"].ToString();
        var name = !api && path == "/" && target.StartsWith(TargetPrefix, StringComparison.Ordinal)
            ? target[TargetPrefix.Length..]
            : $"{request.Method} {path}";
        IReadOnlyList<TriggerInvocation> triggers = [];
        if (runs is not null)
        {
            lock (runs)
            {
                triggers = [.. runs];
            }
        }

        var entry = new RequestLogEntry(time.GetUtcNow(), api ? "API" : "Cognito", name, context.Response.StatusCode, RequestOutcome.Of(context), triggers);
        lock (_gate)
        {
            if (_entries.Count == Capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }
    }

    /// <summary>The recorded requests, newest first.</summary>
    public IReadOnlyList<RequestLogEntry> Latest()
    {
        lock (_gate)
        {
            return [.. _entries.Reverse()];
        }
    }

    public override string ToString() => $"RequestLog {{ Count = {_entries.Count} }}";
}

using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Local;

/// <summary>
/// The latest requests to both endpoints with their outcome, for the local page; in memory only, the oldest go once
/// <see cref="Capacity"/> is reached. The local page's own requests are not listed.
/// </summary>
internal sealed class RequestLog(TimeProvider time)
{
    public const int Capacity = 100;

    private const string TargetPrefix = "AWSCognitoIdentityProviderService.";

    private readonly Queue<RequestLogEntry> _entries = new();
    private readonly Lock _gate = new();

    /// <summary>Records a finished request of the Cognito endpoint (<paramref name="api"/> false) or the HTTP API.</summary>
    public void Record(HttpContext context, bool api)
    {
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
        var entry = new RequestLogEntry(time.GetUtcNow(), api ? "API" : "Cognito", name, context.Response.StatusCode, RequestOutcome.Of(context));
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

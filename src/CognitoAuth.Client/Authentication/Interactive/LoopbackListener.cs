using System.Net;
using System.Net.Sockets;
using System.Text;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Authentication.Interactive;

/// <summary>
/// The loopback redirect of RFC 8252 §7.3: listens on this machine, at the redirect URI's host and port, for the browser to
/// come back with the sign-in's answer; answers the browser with a small page. Only a <c>GET</c> on the redirect path counts;
/// anything else (a favicon, a preconnect that sends nothing) is answered or dropped without ending the wait.
/// </summary>
/// <remarks>
/// A socket listener rather than <see cref="HttpListener"/>, which Microsoft advises against for new code, needs URL ACLs
/// on Windows for some hosts and binds <c>localhost</c> to one address family only. This answers one kind of request: the
/// request line and nothing else matters, and every connection is handled on its own, so an idle one blocks nothing.
/// </remarks>
internal sealed class LoopbackListener : IAsyncDisposable
{
    // The browser's request line with its query: a code and a state are far below this; a bigger head is not a redirect.
    private const int MaxRequestHead = 16 * 1024;

    private readonly TcpListener[] _listeners;
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly string _clientName;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly TaskCompletionSource<LoopbackRequest> _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<LoopbackRequest, LoopbackAnswer> _judge;

    private LoopbackListener(TcpListener[] listeners, string path, Func<LoopbackRequest, LoopbackAnswer> judge, string clientName, ILogger logger)
    {
        _listeners = listeners;
        _path = path;
        _judge = judge;
        _clientName = clientName;
        _logger = logger;
    }

    /// <summary>
    /// Starts listening at <paramref name="redirectUri"/>'s loopback host and port (validated options: http, loopback), before
    /// the browser is sent anywhere: it may come back before its opener returns. <paramref name="judge"/> decides, for each
    /// request on the redirect path, whether it is the one awaited; each one it refuses is answered with its page and the
    /// wait goes on.
    /// </summary>
    /// <exception cref="CognitoAuthenticationException">The port is taken, or the host cannot be listened on.</exception>
    public static LoopbackListener Start(Uri redirectUri, Func<LoopbackRequest, LoopbackAnswer> judge, string clientName, ILogger logger)
    {
        var listeners = new List<TcpListener>();
        try
        {
            foreach (var address in AddressesOf(redirectUri))
            {
                var listener = new TcpListener(address, redirectUri.Port);
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException unavailable) when (
                    redirectUri.HostNameType == UriHostNameType.Dns
                    && address.AddressFamily == AddressFamily.InterNetworkV6
                    && unavailable.SocketErrorCode != SocketError.AddressAlreadyInUse
                    && listeners.Count > 0)
                {
                    // localhost on a machine without IPv6: 127.0.0.1 alone serves, and browsers fall back to it. (A port taken
                    // on ::1 is another matter: the browser may reach that program instead.)
                }
            }
        }
        catch (SocketException exception)
        {
            foreach (var started in listeners)
            {
                started.Stop();
            }

            throw new CognitoAuthenticationException(
                exception.SocketErrorCode == SocketError.AddressAlreadyInUse
                    ? $"Port {redirectUri.Port} of this machine is in use, so the browser's redirect to {redirectUri.GetLeftPart(UriPartial.Path)} cannot be received: " +
                      "close the program that holds it (another sign-in?), or set RedirectUri to another port that is also a callback URL of the app client."
                    : $"Cannot listen at {redirectUri.GetLeftPart(UriPartial.Authority)} for the browser's redirect: {exception.SocketErrorCode}.");
        }

        var loopback = new LoopbackListener([.. listeners], redirectUri.AbsolutePath, judge, clientName, logger);
        foreach (var listener in loopback._listeners)
        {
            loopback._loops.Add(loopback.AcceptAsync(listener));
        }

        return loopback;
    }

    /// <summary>The request the judge accepted; cancellation (the caller's, or the sign-in's timeout) ends the wait.</summary>
    public Task<LoopbackRequest> WaitAsync(CancellationToken cancellationToken) => _received.Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var listener in _listeners)
        {
            listener.Stop();
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static IEnumerable<IPAddress> AddressesOf(Uri redirectUri) =>
        redirectUri.HostNameType switch
        {
            // Browsers try both for "localhost" (RFC 8252 §8.3 prefers a literal; the contract's URL names localhost).
            UriHostNameType.Dns => [IPAddress.Loopback, IPAddress.IPv6Loopback],
            _ => [IPAddress.Parse(redirectUri.IdnHost.Trim('[', ']'))],
        };

    private async Task AcceptAsync(TcpListener listener)
    {
        var handlers = new List<Task>();
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var connection = await listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
                handlers.RemoveAll(static h => h.IsCompleted);
                handlers.Add(HandleAsync(connection));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(handlers).ConfigureAwait(false);
    }

    private async Task HandleAsync(TcpClient connection)
    {
        using (connection)
        {
            try
            {
                var stream = connection.GetStream();
                var head = await ReadHeadAsync(stream, _stopping.Token).ConfigureAwait(false);
                if (head is null)
                {
                    return; // a preconnect closed unused, or a head too big to be a redirect
                }

                var (status, title, message) = Judge(head);

                // Not cancelled by the stop: an accepted answer ends the wait, and the sign-in then stops the listener, perhaps
                // before this line. The page (under 2 KB) fits the socket's send buffer, so the write does not wait on the browser.
                await WritePageAsync(stream, status, title, message, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The browser went away, or the listener stopped: nothing to answer.
            }
        }
    }

    /// <summary>What the request asks, and its answer; completes the wait when the judge accepts it.</summary>
    private (int Status, string Title, string Message) Judge(string head)
    {
        var line = head.AsSpan(0, Math.Max(0, head.IndexOf("\r\n", StringComparison.Ordinal)));
        var parts = line.ToString().Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || !parts[1].StartsWith('/'))
        {
            return (400, "Bad request", "This address answers the browser's return from signing in, and nothing else.");
        }

        var target = parts[1];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        if (!string.Equals(path, _path, StringComparison.Ordinal))
        {
            return (404, "Not found", "This address answers the browser's return from signing in, and nothing else.");
        }

        if (parts[0] != "GET")
        {
            return (405, "Method not allowed", "The browser comes back here with a GET.");
        }

        if (ParseQuery(question < 0 ? string.Empty : target[(question + 1)..]) is not { } query)
        {
            Log.LoopbackRequestRefused(_logger, _clientName, "a parameter sent twice or badly encoded");
            return (400, "Bad request", "The answer repeats a parameter or is badly encoded: it is not the sign-in's.");
        }

        if (_received.Task.IsCompleted)
        {
            return (400, "Nothing to answer", "The application has its answer already; return to it.");
        }

        var answer = _judge(new LoopbackRequest(query));
        if (!answer.Ends)
        {
            return (answer.StatusCode, answer.Title, answer.Message);
        }

        // Two accepted answers at once (a reload): the first wins, the second is told so.
        return _received.TrySetResult(new LoopbackRequest(query))
            ? (answer.StatusCode, answer.Title, answer.Message)
            : (400, "Nothing to answer", "The application has its answer already; return to it.");
    }

    /// <summary>The decoded query, or <see langword="null"/> when a parameter repeats or is badly encoded.</summary>
    private static Dictionary<string, string>? ParseQuery(string query)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name, value;
            try
            {
                name = Decode(equals < 0 ? pair : pair[..equals]);
                value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            }
            catch (UriFormatException)
            {
                return null;
            }

            if (!parameters.TryAdd(name, value))
            {
                return null;
            }
        }

        return parameters;
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    /// <summary>The request head (up to the blank line), or <see langword="null"/> if the connection closes first or it is too big.</summary>
    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestHead];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                return text;
            }
        }

        return null;
    }

    private static async Task WritePageAsync(NetworkStream stream, int status, string title, string message, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>" +
            $"<body style=\"font-family:system-ui,sans-serif;margin:3em\"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p></body></html>");
        var reason = status switch { 200 => "OK", 404 => "Not Found", 405 => "Method Not Allowed", _ => "Bad Request" };

        // The page loads nothing, and the URL that brought it carries a code: no referrer, no cache, no script.
        var headers = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\n" +
            "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nContent-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n" +
            "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(headers, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

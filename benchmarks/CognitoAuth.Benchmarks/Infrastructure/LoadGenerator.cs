using System.Net;

namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>
/// The one load generator for every throughput benchmark: <see cref="Concurrency"/> workers over one pooled
/// <see cref="HttpClient"/> on loopback, each sending requests back to back until the batch is done. Every response is read
/// to the end and must have the expected status, so a failing server never counts as a fast one.
/// </summary>
internal sealed class LoadGenerator : IDisposable
{
    public const int Concurrency = 16;

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Concurrency,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
        AllowAutoRedirect = false,
    });

    /// <summary>Sends <paramref name="count"/> requests made by <paramref name="create"/>, <see cref="Concurrency"/> at a time.</summary>
    public Task RunAsync(int count, Func<HttpRequestMessage> create, HttpStatusCode expected) => RunAsync(_http, count, create, expected);

    /// <summary>The same, through another client (e.g. one from <c>AddCognitoApiClient</c>).</summary>
    public static async Task RunAsync(HttpClient http, int count, Func<HttpRequestMessage> create, HttpStatusCode expected)
    {
        var next = -1;
        var workers = new Task[Concurrency];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < count)
                {
                    using var request = create();
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    if (response.StatusCode != expected)
                    {
                        throw new InvalidOperationException(
                            $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
                    }
                }
            });
        }

        await Task.WhenAll(workers);
    }

    public void Dispose() => _http.Dispose();
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CognitoAuth.Testing;

namespace CognitoAuth.Client.Tests.Cognito;

/// <summary>
/// The primary handler of the Cognito HttpClient in tests: records every request as it arrives on the wire (after
/// signing) and answers with <see cref="Respond"/>.
/// </summary>
internal sealed class StubHttpMessageHandler : HttpMessageHandler
{
    private readonly List<CapturedRequest> _requests = [];

    /// <summary>Answers a request; the index is the zero-based number of the call.</summary>
    public Func<CapturedRequest, int, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } =
        (_, _, _) => Task.FromResult(Json(HttpStatusCode.OK, "{}"));

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public int Calls => Requests.Count;

    /// <summary>Every secret that crossed the wire: in request bodies, the session-token header, and buffered response bodies.</summary>
    public SecretScanner Secrets { get; } = new();

    /// <summary>Answers every call with the same status and JSON body.</summary>
    public void Always(HttpStatusCode status, string json, string? requestId = null) =>
        Respond = (_, _, _) => Task.FromResult(Json(status, json, requestId));

    /// <summary>Answers the calls in order with these responses; the last one repeats.</summary>
    public void Sequence(params Func<HttpResponseMessage>[] responses) =>
        Respond = (_, index, _) => Task.FromResult(responses[Math.Min(index, responses.Length - 1)]());

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string? requestId = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        if (requestId is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", requestId);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var captured = await CapturedRequest.FromAsync(request, cancellationToken);
        int index;
        lock (_requests)
        {
            index = _requests.Count;
            _requests.Add(captured);
        }

        Secrets.AddFromJson(captured.Body);
        Secrets.Add(captured.Header("X-Amz-Security-Token"), "AWS session token");
        var response = await Respond(captured, index, cancellationToken);
        if (response.Content is ByteArrayContent buffered)
        {
            Secrets.AddFromJson(await buffered.ReadAsByteArrayAsync(cancellationToken));
        }

        response.RequestMessage = request;
        return response;
    }
}

/// <summary>A request as the stub saw it.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static async Task<CapturedRequest> FromAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            headers[name] = string.Join(",", values);
        }

        byte[] body = [];
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers.NonValidated)
            {
                headers[name] = string.Join(",", values);
            }

            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        return new CapturedRequest(request.Method, request.RequestUri!, headers, body);
    }
}

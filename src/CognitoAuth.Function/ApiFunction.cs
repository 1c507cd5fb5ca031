using System.Text.Json;

namespace CognitoAuth.Function;

/// <summary>
/// The Lambda entry point behind the reference API. It takes the raw API Gateway HTTP API event
/// (payload format 2.0) as a <see cref="Stream"/> and returns a full payload-2.0 response object, so it
/// needs neither Amazon.Lambda.Core nor a serializer package (Contract 3).
/// </summary>
public sealed class ApiFunction
{
    private readonly TextWriter _log;
    private readonly Func<HttpApiRequest, HttpApiResponse> _route;

    /// <summary>Creates the function; the Lambda runtime calls this parameterless constructor once per instance.</summary>
    public ApiFunction()
        : this(Console.Out)
    {
    }

    /// <param name="log">Where the one-line JSON failure records go (stdout, hence CloudWatch, in Lambda).</param>
    /// <param name="route">The router; tests substitute one that fails, to see the 500 path.</param>
    internal ApiFunction(TextWriter log, Func<HttpApiRequest, HttpApiResponse>? route = null)
    {
        _log = log;
        _route = route ?? Routes.Handle;
    }

    /// <summary>Handles one invocation.</summary>
    /// <param name="request">The raw payload-2.0 event.</param>
    /// <returns>A stream holding the payload-2.0 response (<c>statusCode</c>, <c>headers</c>, <c>body</c>, <c>isBase64Encoded</c>).</returns>
    public Stream Handle(Stream request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = Dispatch(request);
        var output = new MemoryStream(capacity: 256);
        JsonSerializer.Serialize(output, response, FunctionJsonContext.Default.HttpApiResponse);
        output.Position = 0;
        return output;
    }

    private HttpApiResponse Dispatch(Stream request)
    {
        HttpApiRequest? evt;
        try
        {
            evt = JsonSerializer.Deserialize(request, FunctionJsonContext.Default.HttpApiRequest);
        }
        catch (JsonException ex)
        {
            LogFailure("MalformedEvent", "The event is not valid JSON of the expected shape.", requestId: null, ex);
            return HttpApiResponse.Json(400, new ErrorBody("Bad Request: the event is not a valid API Gateway HTTP API payload."));
        }

        if (evt is null || evt.Version != "2.0" || evt.RequestContext?.Http is null)
        {
            LogFailure("UnsupportedEvent", "The event is not an API Gateway HTTP API payload format 2.0 event.", evt?.RequestContext?.RequestId, exception: null);
            return HttpApiResponse.Json(400, new ErrorBody("Bad Request: expected an API Gateway HTTP API payload format 2.0 event."));
        }

        try
        {
            return _route(evt);
        }
#pragma warning disable CA1031 // The function must answer with a 500 object, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailure("UnhandledError", "The request failed.", evt.RequestContext.RequestId, ex);
            return HttpApiResponse.Json(500, new ErrorBody("Internal Server Error"));
        }
    }

    private void LogFailure(string eventName, string message, string? requestId, Exception? exception)
    {
        // One structured JSON line per failure; the exception's type and message only, never its stack trace.
        var entry = new LogEntry("Error", eventName, message, requestId, exception?.GetType().Name, exception?.Message);
        _log.WriteLine(JsonSerializer.Serialize(entry, FunctionJsonContext.Default.LogEntry));
        _log.Flush();
    }
}

using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Http;

/// <summary>
/// Request logging for the API client in place of <see cref="IHttpClientFactory"/>'s default loggers, which put every request
/// header — the bearer token included — into the structured state of their Trace-level header logs (redaction covers only
/// the formatted message). Logs method, URI without query, status and duration; never a header. Same category as the default
/// logical-handler logger, so existing log filters keep working.
/// </summary>
internal sealed class HeaderlessHttpClientLogger(ILogger logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            Log.SendingRequest(logger, request.Method, WithoutQuery(request.RequestUri));
        }

        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            Log.ReceivedResponse(logger, request.Method, WithoutQuery(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);
        }
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            Log.RequestFailed(logger, request.Method, WithoutQuery(request.RequestUri), elapsed.TotalMilliseconds, exception);
        }
    }

    private static string? WithoutQuery(Uri? uri) =>
        uri is { IsAbsoluteUri: true } ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : uri?.OriginalString;
}

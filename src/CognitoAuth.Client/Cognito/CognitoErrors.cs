using System.Net;
using System.Text.Json;
using CognitoAuth.Client.Cognito.Model;
using Polly.Timeout;

namespace CognitoAuth.Client.Cognito;

/// <summary>
/// Turns Cognito's failures into <see cref="CognitoException"/>s and decides which are transient. The retry strategy
/// and the exceptions use the same rule, so what is retried is exactly what reports <see cref="CognitoException.IsRetryable"/>.
/// No message built here contains a request or response body beyond Cognito's own error message.
/// </summary>
internal static class CognitoErrors
{
    private const string RequestIdHeader = "x-amzn-RequestId";
    private const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>Throttling (429) and the transient server statuses 500, 502, 503 and 504.</summary>
    private static bool IsTransientStatus(HttpStatusCode status) => (int)status is 429 or 500 or 502 or 503 or 504;

    /// <summary>Whether a failed call may succeed when retried: a retryable error code, or a transient HTTP status.</summary>
    public static bool IsRetryable(HttpStatusCode? status, string? errorCode) =>
        (errorCode is not null && CognitoErrorCodes.IsRetryable(errorCode)) || (status is { } s && IsTransientStatus(s));

    /// <summary>The error code of a failed response: the body's <c>__type</c>, else the <c>x-amzn-ErrorType</c> header, sanitized.</summary>
    public static string? ReadErrorCode(HttpResponseMessage response, ReadOnlySpan<byte> body) =>
        ErrorCode(response, TryParseError(body));

    /// <summary>The exception for a non-success response.</summary>
    public static CognitoException FromErrorResponse(HttpResponseMessage response, ReadOnlySpan<byte> body)
    {
        var status = response.StatusCode;
        var error = TryParseError(body);
        var code = ErrorCode(response, error);
        return code is null
            ? new CognitoException(
                CognitoErrorCodes.MalformedResponse,
                $"Cognito answered HTTP {(int)status} without a readable error.",
                status,
                RequestId(response),
                IsRetryable(status, errorCode: null))
            : new CognitoException(
                code,
                error?.Message ?? $"Cognito answered HTTP {(int)status} with {code}.",
                status,
                RequestId(response),
                IsRetryable(status, code));
    }

    /// <summary>The exception for a success status whose body is not the operation's response.</summary>
    public static CognitoException MalformedResponse(HttpResponseMessage response, string operation, Exception? innerException) =>
        new(
            CognitoErrorCodes.MalformedResponse,
            $"Cognito answered {operation} with HTTP {(int)response.StatusCode} but a body that is not a valid {operation} response.",
            response.StatusCode,
            RequestId(response),
            isRetryable: false,
            innerException);

    /// <summary>The exception for a call that got no response: connection failure or timeout.</summary>
    public static CognitoException TransportFailure(string operation, Exception exception) =>
        new(
            CognitoErrorCodes.TransportError,
            exception is TimeoutRejectedException or OperationCanceledException
                ? $"The call to Cognito {operation} timed out."
                : $"The call to Cognito {operation} failed before a response arrived: {exception.Message}",
            (exception as HttpRequestException)?.StatusCode,
            requestId: null,
            isRetryable: true,
            exception);

    /// <summary>Cognito's request id, for AWS support.</summary>
    public static string? RequestId(HttpResponseMessage response) => Header(response, RequestIdHeader);

    private static string? ErrorCode(HttpResponseMessage response, CognitoErrorResponse? error)
    {
        if (!string.IsNullOrEmpty(error?.Code))
        {
            return error.Code;
        }

        var header = Header(response, ErrorTypeHeader);
        var code = string.IsNullOrEmpty(header) ? null : CognitoErrorResponse.SanitizeCode(header);
        return string.IsNullOrEmpty(code) ? null : code;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static CognitoErrorResponse? TryParseError(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, CognitoJsonContext.Default.CognitoErrorResponse);
        }
        catch (JsonException)
        {
            // An HTML page from a proxy or a truncated body: the status alone then decides.
            return null;
        }
    }
}

namespace CognitoAuth.Emulator;

/// <summary>
/// One misbehaviour of the Cognito endpoint, injected into the next request for an operation with
/// <see cref="CognitoFaults.Enqueue(string, CognitoFault[])"/>: what a client must survive from the real service and the network in between.
/// </summary>
public sealed class CognitoFault
{
    private readonly string _description;

    private CognitoFault(CognitoFaultKind kind, string description)
    {
        Kind = kind;
        _description = description;
    }

    /// <summary>Gets what the fault does.</summary>
    public CognitoFaultKind Kind { get; }

    /// <summary>Gets the HTTP status of an <see cref="CognitoFaultKind.Error"/> or <see cref="CognitoFaultKind.Status"/> answer, else 0.</summary>
    public int StatusCode { get; private init; }

    /// <summary>Gets the AWS error code of an <see cref="CognitoFaultKind.Error"/> answer, e.g. <c>TooManyRequestsException</c>.</summary>
    public string? ErrorCode { get; private init; }

    /// <summary>Gets the error message of an <see cref="CognitoFaultKind.Error"/>, or the raw body of a <see cref="CognitoFaultKind.Status"/> or <see cref="CognitoFaultKind.MalformedBody"/> answer.</summary>
    public string? Body { get; private init; }

    /// <summary>Gets how long a <see cref="CognitoFaultKind.Slow"/> fault holds the request, on the emulator's <see cref="CognitoEmulatorOptions.TimeProvider"/>.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>An AWS error answer (<c>{"__type": code, "message": …}</c> with <c>x-amzn-ErrorType</c>); the operation does not run.</summary>
    /// <param name="errorCode">The AWS error code, e.g. <c>InternalErrorException</c>.</param>
    /// <param name="statusCode">The HTTP status; Cognito sends throttling as 400.</param>
    /// <param name="message">The message.</param>
    /// <returns>The fault.</returns>
    public static CognitoFault Error(string errorCode, int statusCode = 400, string? message = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new(CognitoFaultKind.Error, $"{statusCode} {errorCode}")
        {
            StatusCode = statusCode,
            ErrorCode = errorCode,
            Body = message ?? $"Injected {errorCode}.",
        };
    }

    /// <summary>Cognito's throttling answer: HTTP 400 <c>TooManyRequestsException</c>, "Rate exceeded".</summary>
    /// <returns>The fault.</returns>
    public static CognitoFault Throttle() => Error("TooManyRequestsException", 400, "Rate exceeded");

    /// <summary>Cognito failing internally: HTTP 500 <c>InternalErrorException</c>.</summary>
    /// <returns>The fault.</returns>
    public static CognitoFault InternalError() => Error("InternalErrorException", 500, "An internal error occurred.");

    /// <summary>
    /// A bare HTTP status with a non-AWS body, as a load balancer or proxy sends it (e.g. 502 or 503 with an HTML page);
    /// the operation does not run.
    /// </summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="body">The body, sent as <c>text/html</c>; by default a one-line HTML page naming the status.</param>
    /// <returns>The fault.</returns>
    public static CognitoFault Status(int statusCode, string? body = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new(CognitoFaultKind.Status, $"HTTP {statusCode}")
        {
            StatusCode = statusCode,
            Body = body ?? $"<html><body><h1>{statusCode} {(System.Net.HttpStatusCode)statusCode}</h1></body></html>",
        };
    }

    /// <summary>A slow Cognito: holds the request for <paramref name="delay"/>, then handles it normally.</summary>
    /// <param name="delay">How long, on the emulator's <see cref="CognitoEmulatorOptions.TimeProvider"/> (a fake clock must be advanced).</param>
    /// <returns>The fault.</returns>
    public static CognitoFault Slow(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(CognitoFaultKind.Slow, $"slow {delay}") { Delay = delay };
    }

    /// <summary>Never answers: the request is held until the client gives up (times out or cancels) or the emulator stops.</summary>
    /// <returns>The fault.</returns>
    public static CognitoFault Hang() => new(CognitoFaultKind.Hang, "hang");

    /// <summary>Closes the connection without an answer, before the operation runs.</summary>
    /// <returns>The fault.</returns>
    public static CognitoFault DropConnection() => new(CognitoFaultKind.DropConnection, "drop connection");

    /// <summary>
    /// Runs the operation — its effects stick, e.g. a challenge session is spent — then closes the connection without an
    /// answer: a response lost on the way back.
    /// </summary>
    /// <returns>The fault.</returns>
    public static CognitoFault DropResponse() => new(CognitoFaultKind.DropResponse, "drop response");

    /// <summary>
    /// Runs the operation, then sends only the first half of its answer under the full <c>Content-Length</c> and closes
    /// the connection: a body cut off in transit.
    /// </summary>
    /// <returns>The fault.</returns>
    public static CognitoFault TruncatedBody() => new(CognitoFaultKind.TruncatedBody, "truncated body");

    /// <summary>
    /// Answers HTTP 200 with a complete body that is not the operation's output (by default JSON cut off mid-token);
    /// the operation does not run.
    /// </summary>
    /// <param name="body">The body, sent as <c>application/x-amz-json-1.1</c>.</param>
    /// <returns>The fault.</returns>
    public static CognitoFault MalformedBody(string body = """{"AuthenticationResult":{"AccessToken":"eyJraWQiOi""")
    {
        ArgumentNullException.ThrowIfNull(body);
        return new(CognitoFaultKind.MalformedBody, "malformed body") { Body = body };
    }

    /// <inheritdoc />
    public override string ToString() => $"CognitoFault {{ {_description} }}";
}

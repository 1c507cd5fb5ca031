namespace CognitoAuth.Emulator.Cognito;

/// <summary>
/// Errors of AWS's JSON 1.1 front door, raised before an operation runs: the answer is an AWS-style error
/// body, never a 500 with a stack trace.
/// </summary>
internal static class ProtocolErrors
{
    /// <summary>The largest request body the endpoint reads.</summary>
    public const int MaxRequestBodyBytes = 1024 * 1024;

    public static CognitoServiceException UnknownOperation(string? target) =>
        new("UnknownOperationException", target is null
            ? "The request has no X-Amz-Target header."
            : $"The operation in X-Amz-Target '{Truncate(target)}' is not supported by this endpoint.");

    public static CognitoServiceException UnsupportedContentType(string? contentType) =>
        new("UnknownOperationException", $"Unsupported Content-Type '{Truncate(contentType ?? string.Empty)}': expected application/x-amz-json-1.1.");

    public static CognitoServiceException MethodNotAllowed(string method) =>
        new("UnknownOperationException", $"The endpoint takes POST requests, not {Truncate(method)}.", 404);

    public static CognitoServiceException MalformedJson() =>
        new("SerializationException", "The request body is not a JSON object of the operation's input shape.");

    public static CognitoServiceException RequestTooLarge() =>
        new("RequestEntityTooLargeException", $"The request body is larger than {MaxRequestBodyBytes} bytes.", 413);

    public static CognitoServiceException InternalError() =>
        new("InternalErrorException", "An internal error occurred.", 500);

    private static string Truncate(string value) => value.Length <= 100 ? value : value[..100];
}

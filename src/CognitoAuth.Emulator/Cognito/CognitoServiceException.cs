namespace CognitoAuth.Emulator.Cognito;

/// <summary>
/// An error the endpoint answers with, as AWS does: an HTTP status, the error code that goes into
/// <c>__type</c> and <c>x-amzn-ErrorType</c>, and a message. Messages never carry a secret.
/// </summary>
internal sealed class CognitoServiceException : Exception
{
    public CognitoServiceException(string code, string message, int statusCode = 400)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
    }

    /// <summary>The AWS error code, e.g. <c>NotAuthorizedException</c>.</summary>
    public string Code { get; }

    /// <summary>The HTTP status of the answer.</summary>
    public int StatusCode { get; }
}

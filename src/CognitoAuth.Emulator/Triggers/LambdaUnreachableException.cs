namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// The function could not be invoked (not found, refused, the endpoint unreachable): Cognito reports it as
/// <c>UnexpectedLambdaException</c> "<c>{Trigger} invocation failed due to error {Error}.</c>".
/// </summary>
/// <param name="error">What went wrong, in the words Cognito uses where known (e.g. <c>AccessDeniedException</c>).</param>
/// <param name="inner">The transport's exception, if any.</param>
internal sealed class LambdaUnreachableException(string error, Exception? inner = null) : Exception(error, inner)
{
    public string Error { get; } = error;
}

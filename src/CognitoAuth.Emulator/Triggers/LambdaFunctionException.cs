namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// The function ran and failed (it threw, or the Invoke API answered with <c>X-Amz-Function-Error</c>): Cognito reports it
/// as <c>UserLambdaValidationException</c> with the function's own error message.
/// </summary>
internal sealed class LambdaFunctionException(string errorMessage) : Exception(errorMessage);

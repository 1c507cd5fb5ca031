using CognitoAuth.Emulator.Cognito;

namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// How Cognito reports a trigger that failed, in its words (checked against reports of AWS's answers: the
/// <c>"PreSignUp failed with error …"</c> and <c>"… invocation failed due to error AccessDeniedException."</c> /
/// <c>"Socket timeout while invoking Lambda function."</c> texts are quoted verbatim in AWS re:Post and SDK issue threads;
/// <c>"Unrecognizable lambda output"</c> and <c>"Invalid lambda function output : Invalid JSON"</c> likewise). The
/// trigger's name is its <c>LambdaConfig</c> key (<c>PreTokenGeneration</c> for <c>PreTokenGenerationConfig</c> too).
/// </summary>
internal static class TriggerErrors
{
    public const string UserLambdaValidationCode = "UserLambdaValidationException";
    public const string InvalidLambdaResponseCode = "InvalidLambdaResponseException";
    public const string UnexpectedLambdaCode = "UnexpectedLambdaException";

    /// <summary>The function threw (or answered with <c>X-Amz-Function-Error</c>): its message, in Cognito's sentence.</summary>
    public static CognitoServiceException FunctionFailed(string trigger, string message) =>
        new(UserLambdaValidationCode, $"{trigger} failed with error {message}.");

    /// <summary>The answer is not JSON.</summary>
    public static CognitoServiceException AnswerNotJson() => new(InvalidLambdaResponseCode, "Invalid lambda function output : Invalid JSON");

    /// <summary>The answer is JSON but not an event whose <c>response</c> this trigger can read.</summary>
    public static CognitoServiceException AnswerUnrecognizable() => new(InvalidLambdaResponseCode, "Unrecognizable lambda output");

    /// <summary>No answer within <see cref="LambdaRunner.Timeout"/>.</summary>
    public static CognitoServiceException TimedOut(string trigger) => CouldNotInvoke(trigger, "Socket timeout while invoking Lambda function");

    /// <summary>The function cannot be invoked; for one found nowhere, Cognito says <c>AccessDeniedException</c>.</summary>
    public static CognitoServiceException CouldNotInvoke(string trigger, string error) =>
        new(UnexpectedLambdaCode, $"{trigger} invocation failed due to error {error}.");
}

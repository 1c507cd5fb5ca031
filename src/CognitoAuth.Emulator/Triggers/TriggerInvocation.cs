namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// One trigger run, for the <c>_local/</c> page's request log: which trigger ran which function where, how it ended (and the
/// error code Cognito answers with, or <see langword="null"/> when it answered), and how long it took. Never the event or
/// the answer.
/// </summary>
internal sealed record TriggerInvocation(string Trigger, string FunctionArn, string? Source, TriggerOutcome Outcome, string? ErrorCode, double ElapsedMs)
{
    public bool Succeeded => Outcome == TriggerOutcome.Ok;

    /// <summary>The function's name (the ARN's <c>function:NAME</c>), or the ARN when it is not a Lambda function's.</summary>
    public string FunctionName => LambdaArn.TryParse(FunctionArn, out var arn) ? arn.FunctionName : FunctionArn;

    /// <summary>How it ended, in words: <c>ok</c>, <c>failed</c>, <c>timed out</c>, <c>not found</c>, <c>unreachable</c>, <c>invalid answer</c>.</summary>
    public string OutcomeText => Outcome switch
    {
        TriggerOutcome.Ok => "ok",
        TriggerOutcome.Failed => "failed",
        TriggerOutcome.TimedOut => "timed out",
        TriggerOutcome.NotFound => "not found",
        TriggerOutcome.Unreachable => "unreachable",
        _ => "invalid answer",
    };
}

/// <summary>How a trigger run ended.</summary>
internal enum TriggerOutcome
{
    /// <summary>The function answered and the answer was applied.</summary>
    Ok,

    /// <summary>The function threw (Cognito: <c>UserLambdaValidationException</c>).</summary>
    Failed,

    /// <summary>No answer within 5 s (<c>UnexpectedLambdaException</c>).</summary>
    TimedOut,

    /// <summary>No function of that name runs anywhere the emulator knows (<c>UnexpectedLambdaException</c>).</summary>
    NotFound,

    /// <summary>The Invoke API could not be reached or refused the call (<c>UnexpectedLambdaException</c>).</summary>
    Unreachable,

    /// <summary>The answer could not be read or applied (<c>InvalidLambdaResponseException</c>).</summary>
    InvalidAnswer,
}

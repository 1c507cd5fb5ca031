namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// One trigger run, for the <c>_local/</c> page's request log: which trigger ran which function where, how it ended (the
/// error code Cognito answers with, or <see langword="null"/> when it answered), and how long it took. Never the event or
/// the answer.
/// </summary>
internal sealed record TriggerInvocation(string Trigger, string FunctionArn, string? Source, string? ErrorCode, double ElapsedMs)
{
    public bool Succeeded => ErrorCode is null;
}

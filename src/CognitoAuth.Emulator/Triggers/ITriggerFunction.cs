namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// One place a function's code runs: in-process (a .NET handler, a registered delegate) or behind AWS Lambda's Invoke API.
/// It takes the event's JSON bytes and returns the answer's bytes, unread; it throws <see cref="LambdaFunctionException"/>
/// when the function failed and <see cref="LambdaUnreachableException"/> when it could not be invoked.
/// </summary>
internal interface ITriggerFunction
{
    /// <summary>Where the code runs, for logs and the local page (never a secret).</summary>
    string Source { get; }

    Task<byte[]> InvokeAsync(LambdaArn arn, byte[] evt, CancellationToken cancellationToken);
}

using System.Text.Json.Nodes;

namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// A function registered in <see cref="CognitoEmulatorOptions.LambdaFunctions"/>: the event as a <see cref="JsonObject"/> in,
/// the answer as a <see cref="JsonNode"/> out, read back exactly as a deployed function's bytes would be. An exception it
/// throws is the function's error.
/// </summary>
internal sealed class DelegateTriggerFunction(string name, Func<JsonObject, CancellationToken, Task<JsonNode?>> function) : ITriggerFunction
{
    public string Source => $"delegate '{name}'";

    public async Task<byte[]> InvokeAsync(LambdaArn arn, byte[] evt, CancellationToken cancellationToken)
    {
        var input = JsonNode.Parse(evt)!.AsObject();
        JsonNode? answer;
        try
        {
            // On the thread pool: a delegate that blocks must not hold the caller past the timeout.
            answer = await Task.Run(() => function(input, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the function throws is its error, as Lambda reports any unhandled exception.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            throw new LambdaFunctionException(ex.Message);
        }

        return TriggerJson.ToBytes(answer);
    }
}

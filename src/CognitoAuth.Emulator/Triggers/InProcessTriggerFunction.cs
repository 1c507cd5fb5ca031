using CognitoAuth.Emulator.Api;

namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// A .NET handler with Contract 3's raw signature (<see cref="Stream"/> → <see cref="Stream"/> or <see cref="Task{TResult}"/>
/// of one), run in-process the way the managed runtime runs it: <c>--lambda NAME=PATH::Namespace.Type::Method</c> loads it
/// from the assembly at PATH in its own <see cref="FunctionLoadContext"/>; the reference trigger is loaded from the
/// emulator's own context (CognitoAuth.Function is referenced). An exception the handler throws is the function's error.
/// </summary>
internal sealed class InProcessTriggerFunction(LambdaFunction function) : ITriggerFunction
{
    public string Source => $"in-process {function.Handler}";

    /// <summary>Parses <c>NAME=PATH::Namespace.Type::Method</c> (the <c>--lambda</c> value) into the name and the handler.</summary>
    public static (string Name, InProcessTriggerFunction Function) FromSpecification(string specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var equals = specification.IndexOf('=', StringComparison.Ordinal);
        var separator = specification.IndexOf("::", StringComparison.Ordinal);
        if (equals <= 0 || separator < equals + 2)
        {
            throw new ArgumentException($"'{specification}' is not NAME=PATH::Namespace.Type::Method.", nameof(specification));
        }

        var name = specification[..equals].Trim();
        var path = Path.GetFullPath(specification[(equals + 1)..separator].Trim());
        return (name, FromFile(path, specification[(separator + 2)..]));
    }

    /// <summary>The handler <c>Namespace.Type::Method</c> in the assembly file at <paramref name="assemblyPath"/>.</summary>
    public static InProcessTriggerFunction FromFile(string assemblyPath, string typeAndMethod)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new ArgumentException($"The function assembly '{assemblyPath}' does not exist.", nameof(assemblyPath));
        }

        var context = new FunctionLoadContext(assemblyPath);
        var handler = $"{Path.GetFileNameWithoutExtension(assemblyPath)}::{typeAndMethod}";
        return new(LambdaFunction.Load(handler, context.LoadHandlerAssembly));
    }

    /// <summary>A handler string resolved in the emulator's own context (the reference trigger).</summary>
    public static InProcessTriggerFunction FromHandler(string handler) => new(LambdaFunction.Load(handler));

    public async Task<byte[]> InvokeAsync(LambdaArn arn, byte[] evt, CancellationToken cancellationToken)
    {
        try
        {
            // On the thread pool: a synchronous handler that blocks must not hold the caller past the timeout.
            return await Task.Run(
                async () =>
                {
                    await using var output = await function.InvokeAsync(new MemoryStream(evt, writable: false)).ConfigureAwait(false);
                    using var copy = new MemoryStream();
                    await output.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                    return copy.ToArray();
                },
                cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the handler throws is its error, as the Lambda runtime reports any unhandled exception.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            throw new LambdaFunctionException(ex.Message);
        }
    }
}

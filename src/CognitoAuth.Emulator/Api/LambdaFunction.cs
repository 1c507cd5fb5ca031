using System.Collections.Concurrent;
using System.Reflection;

namespace CognitoAuth.Emulator.Api;

/// <summary>
/// A .NET Lambda function found by its handler string (<c>Assembly::Namespace.Type::Method</c>), invoked the way
/// the managed runtime does for a raw-stream handler: the method takes the event <see cref="Stream"/> and returns
/// a <see cref="Stream"/> or <see cref="Task{TResult}"/> of one. Like Lambda, an instance (execution environment)
/// serves one invocation at a time; concurrent invocations get more instances, each created once through the
/// type's parameterless constructor and reused.
/// </summary>
internal sealed class LambdaFunction
{
    private readonly MethodInfo _method;
    private readonly Type _type;
    private readonly ConcurrentBag<object?> _idleInstances = [];

    private LambdaFunction(string handler, Type type, MethodInfo method)
    {
        Handler = handler;
        _type = type;
        _method = method;
    }

    public string Handler { get; }

    /// <summary>Resolves a handler string against the emulator's own assemblies, failing with a message that says which part does not resolve.</summary>
    public static LambdaFunction Load(string handler) => Load(handler, name => Assembly.Load(name));

    /// <summary>
    /// Resolves a handler string against a deployment package's folder (what CDK's <c>aws:asset:path</c> names): the handler's
    /// assembly and its dependencies load from there, in a load context of their own, as the Lambda runtime loads
    /// <c>/var/task</c>.
    /// </summary>
    public static LambdaFunction Load(string handler, string codeDirectory)
    {
        var assemblyName = handler.Split("::")[0];
        var path = Path.Combine(codeDirectory, assemblyName + ".dll");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The handler's assembly '{assemblyName}.dll' is not in the code folder {codeDirectory}.");
        }

        return Load(handler, new FunctionLoadContext(path).LoadHandlerAssembly);
    }

    /// <summary>Resolves a handler string with the given way of loading its assembly (a function folder's load context).</summary>
    public static LambdaFunction Load(string handler, Func<AssemblyName, Assembly> loadAssembly)
    {
        var parts = handler.Split("::");
        if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidOperationException($"The handler '{handler}' is not of the form Assembly::Namespace.Type::Method.");
        }

        Assembly assembly;
        try
        {
            assembly = loadAssembly(new AssemblyName(parts[0]));
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new InvalidOperationException($"The handler's assembly '{parts[0]}' cannot be loaded.", ex);
        }

        var type = assembly.GetType(parts[1], throwOnError: false)
            ?? throw new InvalidOperationException($"The handler's type '{parts[1]}' is not in assembly '{parts[0]}'.");
        var candidates = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == parts[2])
            .ToList();
        if (candidates.Count != 1)
        {
            throw new InvalidOperationException($"The handler's type '{parts[1]}' must have exactly one public method '{parts[2]}', not {candidates.Count}.");
        }

        var method = candidates[0];
        var parameters = method.GetParameters();
        if (parameters.Length != 1 || parameters[0].ParameterType != typeof(Stream)
            || (method.ReturnType != typeof(Stream) && method.ReturnType != typeof(Task<Stream>)))
        {
            throw new InvalidOperationException($"The handler '{handler}' must take one Stream and return Stream or Task<Stream>.");
        }

        if (!method.IsStatic && type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException($"The handler's type '{parts[1]}' needs a public parameterless constructor.");
        }

        return new LambdaFunction(handler, type, method);
    }

    /// <summary>Invokes the handler with the event; exceptions thrown by the function propagate unwrapped.</summary>
    public async Task<Stream> InvokeAsync(Stream input)
    {
        var instance = _method.IsStatic ? null : _idleInstances.TryTake(out var idle) ? idle : Activator.CreateInstance(_type);
        try
        {
            var result = _method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, [input], culture: null);
            return result switch
            {
                Task<Stream> pending => await pending.ConfigureAwait(false),
                Stream stream => stream,
                _ => throw new InvalidOperationException($"The handler '{Handler}' returned no stream."),
            };
        }
        finally
        {
            if (instance is not null)
            {
                _idleInstances.Add(instance);
            }
        }
    }

    public override string ToString() => $"LambdaFunction {{ Handler = {Handler} }}";
}

using System.Reflection;
using System.Runtime.Loader;

/// <summary>Resolves the function's own dependencies from its publish folder, as the Lambda runtime does.</summary>
internal sealed class FunctionLoadContext(string mainAssembly) : AssemblyLoadContext("function")
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

    protected override Assembly? Load(AssemblyName assemblyName) =>
        _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
}

using System.Reflection;
using System.Runtime.Loader;

namespace CognitoAuth.Emulator.Api;

/// <summary>
/// The load context of one function folder (<c>--lambda NAME=PATH::…</c>, or a template's code asset): the handler's assembly and its dependencies are
/// resolved beside it, from its <c>.deps.json</c> as the Lambda runtime would, so a function built against other versions
/// of a library than the emulator's gets its own. What the folder does not hold (the shared framework, where
/// <see cref="System.IO.Stream"/> lives) comes from the emulator's context, so the handler's signature binds.
/// </summary>
internal sealed class FunctionLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;

    public FunctionLoadContext(string assemblyPath)
        : base($"lambda:{Path.GetFileName(assemblyPath)}")
    {
        _resolver = new AssemblyDependencyResolver(assemblyPath);
        AssemblyPath = assemblyPath;
    }

    public string AssemblyPath { get; }

    /// <summary>The handler's own assembly, by its file (whatever name the handler string gives, the file is the one).</summary>
    public Assembly LoadHandlerAssembly(AssemblyName name) =>
        string.Equals(name.Name, Path.GetFileNameWithoutExtension(AssemblyPath), StringComparison.OrdinalIgnoreCase)
            ? LoadFromAssemblyPath(AssemblyPath)
            : LoadFromAssemblyName(name);

    protected override Assembly? Load(AssemblyName assemblyName) =>
        _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}

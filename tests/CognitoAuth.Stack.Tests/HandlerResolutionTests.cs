using System.Reflection;
using System.Runtime.Loader;

namespace CognitoAuth.Stack.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class HandlerResolutionTests(SynthesizedStack synthesized)
{
    /// <summary>
    /// Resolves the template's handler string the way the Lambda runtime does: load the named assembly file from the
    /// deployed folder in its own load context, find the type, find the public <c>Stream Handle(Stream)</c>.
    /// </summary>
    [Fact]
    public void Handler_InTheTemplate_ResolvesToAPublicStreamMethodInTheBuiltFunctionAssembly()
    {
        var (_, function) = synthesized.ApiFunction;
        var parts = function["Properties"]!["Handler"]!.GetValue<string>().Split("::");
        Assert.Equal(3, parts.Length);

        var context = new AssemblyLoadContext("lambda-like", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(Path.Combine(synthesized.FunctionCodePath, parts[0] + ".dll"));
            Assert.Equal(parts[0], assembly.GetName().Name);
            var type = assembly.GetType(parts[1], throwOnError: false);
            Assert.NotNull(type);
            Assert.True(type.IsPublic && !type.IsAbstract);
            Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
            var method = type.GetMethod(parts[2], BindingFlags.Public | BindingFlags.Instance, [typeof(Stream)]);
            Assert.NotNull(method);
            Assert.Equal(typeof(Stream), method.ReturnType);
        }
        finally
        {
            context.Unload();
        }
    }
}

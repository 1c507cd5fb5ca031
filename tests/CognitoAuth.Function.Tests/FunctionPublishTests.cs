using System.Reflection;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using CognitoAuth.Reference;

namespace CognitoAuth.Function.Tests;

public sealed class FunctionPublishTests(PublishedFunction published) : IClassFixture<PublishedFunction>
{
    private string AssemblyPath => Path.Combine(published.Folder, "CognitoAuth.Function.dll");

    [Fact]
    public void Publish_ReadyToRunForLinuxX64_Succeeds()
    {
        Assert.True(published.ExitCode == 0, published.Output);
    }

    [Fact]
    public void Publish_Folder_HoldsTheAssemblyAndItsRuntimeFiles()
    {
        Assert.True(File.Exists(AssemblyPath), published.Output);
        Assert.True(File.Exists(Path.Combine(published.Folder, "CognitoAuth.Function.runtimeconfig.json")));
        Assert.True(File.Exists(Path.Combine(published.Folder, "CognitoAuth.Function.deps.json")));
    }

    [Fact]
    public void Publish_RuntimeConfig_TargetsTheSharedNet10Framework()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(published.Folder, "CognitoAuth.Function.runtimeconfig.json")))!;

        var options = config["runtimeOptions"]!;
        Assert.Equal("net10.0", options["tfm"]!.GetValue<string>());
        Assert.Equal("Microsoft.NETCore.App", options["framework"]!["name"]!.GetValue<string>());
        Assert.StartsWith("10.", options["framework"]!["version"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_Assembly_IsReadyToRunCompiled()
    {
        using var pe = new PEReader(File.OpenRead(AssemblyPath));

        // A ReadyToRun image carries precompiled code behind the CLR header's managed-native header.
        var cor = pe.PEHeaders.CorHeader!;
        Assert.True(cor.ManagedNativeHeaderDirectory.Size > 0, "CognitoAuth.Function.dll has no ReadyToRun header.");
        Assert.Equal(Machine.Amd64, (Machine)((ushort)pe.PEHeaders.CoffHeader.Machine ^ 0x7B79)); // R2R Linux images XOR the machine with 0x7B79.
    }

    [Fact]
    public void Publish_Folder_LeavesOutTheXmlDocs()
    {
        Assert.False(File.Exists(Path.Combine(published.Folder, "CognitoAuth.Function.xml")));
    }

    [Fact]
    public void FunctionHandler_InThePublishedAssembly_ResolvesAndAnswersHello()
    {
        var parts = ReferenceStack.FunctionHandler.Split("::");
        var context = new AssemblyLoadContext("lambda-like", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(Path.Combine(published.Folder, parts[0] + ".dll"));
            var type = assembly.GetType(parts[1], throwOnError: true)!;
            var method = type.GetMethod(parts[2], BindingFlags.Public | BindingFlags.Instance, [typeof(Stream)])!;
            Assert.Equal(typeof(Stream), method.ReturnType);

            var instance = Activator.CreateInstance(type)!;
            using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(TestEvents.HttpApiV2().ToJsonString()));
            using var output = (Stream)method.Invoke(instance, [input])!;

            var response = JsonNode.Parse(output)!;
            Assert.Equal(200, response["statusCode"]!.GetValue<int>());
            Assert.Equal("Hello from a protected API!", response["body"]!.GetValue<string>());
        }
        finally
        {
            context.Unload();
        }
    }
}

using System.Reflection;

namespace CognitoAuth.Client.Tests.Cognito;

public sealed class AotCompatibilityTests
{
    // IsAotCompatible marks the assembly trimmable and turns on the trim, AOT and single-file analyzers; with
    // warnings as errors, any IL2xxx/IL3xxx (e.g. reflection-based JSON) then fails the build of both target frameworks.
    [Fact]
    public void ClientAssembly_IsMarkedTrimmable_SoTheTrimAndAotAnalyzersGateItsBuild()
    {
        var metadata = typeof(CognitoException).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>();

        Assert.Contains(metadata, m => m.Key == "IsTrimmable" && m.Value == "True");
    }
}

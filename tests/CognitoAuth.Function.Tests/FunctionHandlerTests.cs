using CognitoAuth.Reference;

namespace CognitoAuth.Function.Tests;

public sealed class FunctionHandlerTests
{
    [Fact]
    public void FunctionHandler_NamesAssemblyTypeAndMethod_ResolvesToThePublicStreamHandler()
    {
        var parts = ReferenceStack.FunctionHandler.Split("::");

        Assert.Equal(3, parts.Length);
        Assert.Equal("CognitoAuth.Function", parts[0]);
        var type = typeof(ApiFunction).Assembly.GetType(parts[1], throwOnError: true)!;
        Assert.Equal(parts[0], type.Assembly.GetName().Name);
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
        var method = type.GetMethod(parts[2], [typeof(Stream)]);
        Assert.NotNull(method);
        Assert.True(method.IsPublic && !method.IsStatic);
        Assert.Equal(typeof(Stream), method.ReturnType);
    }
}

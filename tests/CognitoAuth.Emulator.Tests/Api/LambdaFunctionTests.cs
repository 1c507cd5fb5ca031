using System.Text;
using CognitoAuth.Emulator.Api;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Tests.Api;

public sealed class LambdaFunctionTests
{
    private const string Assembly = "CognitoAuth.Emulator.Tests";

    [Fact]
    public async Task Load_ReferenceHandlerString_InvokesTheRealFunction()
    {
        var function = LambdaFunction.Load(ReferenceStack.FunctionHandler);
        var evt = """{"version":"2.0","routeKey":"GET /hello","rawPath":"/hello","requestContext":{"http":{"method":"GET","path":"/hello"},"requestId":"r"}}""";

        await using var output = await function.InvokeAsync(new MemoryStream(Encoding.UTF8.GetBytes(evt)));
        var text = await new StreamReader(output).ReadToEndAsync();

        Assert.Contains("Hello from a protected API!", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_TaskOfStreamHandler_IsAwaited()
    {
        var function = LambdaFunction.Load($"{Assembly}::{typeof(AsyncFunction).FullName}::Handle");

        await using var output = await function.InvokeAsync(new MemoryStream());

        Assert.Equal("""{"statusCode":201,"body":"created"}""", await new StreamReader(output).ReadToEndAsync());
    }

    [Fact]
    public async Task InvokeAsync_StaticHandler_NeedsNoInstance()
    {
        var function = LambdaFunction.Load($"{Assembly}::{typeof(StaticFunction).FullName}::Handle");

        await using var output = await function.InvokeAsync(new MemoryStream());

        Assert.Equal("\"plain\"", await new StreamReader(output).ReadToEndAsync());
    }

    [Fact]
    public async Task InvokeAsync_SequentialInvocations_ReuseOneInstanceAsAWarmLambdaDoes()
    {
        var function = LambdaFunction.Load($"{Assembly}::{typeof(EchoFunction).FullName}::Handle");
        var before = EchoFunction.Instances;

        for (var i = 0; i < 3; i++)
        {
            await function.InvokeAsync(new MemoryStream());
        }

        Assert.Equal(before + 1, EchoFunction.Instances);
    }

    [Fact]
    public async Task InvokeAsync_HandlerThrows_TheExceptionPropagatesUnwrapped()
    {
        var function = LambdaFunction.Load($"{Assembly}::{typeof(ThrowingFunction).FullName}::Handle");

        await Assert.ThrowsAsync<InvalidOperationException>(() => function.InvokeAsync(new MemoryStream()));
    }

    [Theory]
    [InlineData("NoColons", "is not of the form")]
    [InlineData("No.Such.Assembly::T::M", "cannot be loaded")]
    [InlineData("CognitoAuth.Emulator.Tests::No.Such.Type::Handle", "is not in assembly")]
    [InlineData("CognitoAuth.Emulator.Tests::CognitoAuth.Emulator.Tests.Api.EchoFunction::Missing", "exactly one public method")]
    [InlineData("CognitoAuth.Emulator.Tests::CognitoAuth.Emulator.Tests.Api.OverloadedFunction::Handle", "exactly one public method")]
    [InlineData("CognitoAuth.Emulator.Tests::CognitoAuth.Emulator.Tests.Api.WrongSignatureFunction::Handle", "must take one Stream")]
    [InlineData("CognitoAuth.Emulator.Tests::CognitoAuth.Emulator.Tests.Api.NoDefaultConstructorFunction::Handle", "parameterless constructor")]
    public void Load_HandlerThatDoesNotResolve_SaysWhichPartFails(string handler, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LambdaFunction.Load(handler));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>The options behind <c>bin/local --lambda</c> and <c>--lambda-endpoint</c> (Contract 5), as they are validated.</summary>
public sealed class LambdaOptionsTests
{
    [Theory]
    [InlineData("no-equals-sign::T::M")]
    [InlineData("name=path-without-handler")]
    public void Options_MalformedHandler_FailsValidationNamingTheOption(string handler)
    {
        var options = new CognitoEmulatorOptions();
        options.LambdaHandlers.Add(handler);

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("LambdaHandlers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_EndpointWithoutTrailingSlash_FailsValidation()
    {
        var options = new CognitoEmulatorOptions { LambdaEndpoint = new Uri("http://127.0.0.1:3001/prefix") };

        Assert.Contains("LambdaEndpoint", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }
}

using CognitoAuth.Emulator.Hosting;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary><c>bin/local --lambda</c> and <c>--lambda-endpoint</c> (Contract 5), as the command line parses them.</summary>
public sealed class LambdaFlagsTests
{
    [Fact]
    public void Parse_LambdaRepeatedAndEndpoint_AreTakenAsGiven()
    {
        var result = EmulatorCommand.Create().Parse(
            ["--lambda", "rules=/fn/Rules.dll::Acme.Rules::Handle", "--lambda", "tokens=/fn/Tokens.dll::Acme.Tokens::Handle", "--lambda-endpoint", "http://127.0.0.1:3001"]);

        Assert.Empty(result.Errors);
        Assert.Equal(["rules=/fn/Rules.dll::Acme.Rules::Handle", "tokens=/fn/Tokens.dll::Acme.Tokens::Handle"], result.GetValue<string[]>("--lambda")!);
        Assert.Equal(new Uri("http://127.0.0.1:3001/"), result.GetValue<Uri?>("--lambda-endpoint"));
    }

    [Fact]
    public void Parse_EndpointNotHttp_IsAnError()
    {
        var result = EmulatorCommand.Create().Parse(["--lambda-endpoint", "ftp://127.0.0.1/"]);

        Assert.Contains(result.Errors, e => e.Message.Contains("--lambda-endpoint must be an http(s) URL", StringComparison.Ordinal));
    }

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

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Tests.DependencyInjection;

public sealed class OptionsValidationTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["UserPoolId"] = "ap-northeast-1_AbC123xyz",
        ["ClientId"] = "client-id",
        ["Username"] = "testuser@example.com",
        ["Password"] = "TempPass123!",
        ["ApiBaseAddress"] = "https://abc123.execute-api.ap-northeast-1.amazonaws.com/",
    };

    public static TheoryData<string, string?, string> InvalidConfigurations => new()
    {
        // key to change, its new value (null removes it), the key the message must name
        { "ClientId", null, "ClientId" },
        { "ClientId", "", "ClientId" },
        { "Username", null, "Username" },
        { "Username", "", "Username" },
        { "Password", null, "Password" },
        { "Password", "", "Password" },
        { "UserPoolId", "", "UserPoolId" },
        { "UserPoolId", "_AbC123xyz", "UserPoolId" },
        { "Region", "eu-west-1", "Region" },
        { "ApiBaseAddress", "", "ApiBaseAddress" },
        { "ApiBaseAddress", "api.example.com/prod/", "ApiBaseAddress" },
        { "ApiBaseAddress", "http://10.0.0.5:8080/", "ApiBaseAddress" },
        { "ApiBaseAddress", "file:///etc/passwd", "ApiBaseAddress" },
        { "ServiceUrl", "ftp://cognito.example.com/", "ServiceUrl" },
        { "RefreshBefore", "-1.00:00:00", "RefreshBefore" },
        { "ApiBaseAddress", null, "ApiBaseAddress" },
        { "UserPoolId", null, "UserPoolId" },
        { "UserPoolId", "AbC123xyz", "UserPoolId" },
        { "UserPoolId", "ap-northeast-1_", "UserPoolId" },
        { "UserPoolId", "ap-northeast-1_AbC 123", "UserPoolId" },
        { "Region", "us-east-1", "Region" },
        { "ApiBaseAddress", "/prod/", "ApiBaseAddress" },
        { "ApiBaseAddress", "http://abc123.execute-api.ap-northeast-1.amazonaws.com/", "ApiBaseAddress" },
        { "ApiBaseAddress", "ftp://files.example.com/", "ApiBaseAddress" },
        { "ServiceUrl", "/cognito/", "ServiceUrl" },
        { "ServiceUrl", "http://cognito.example.com/", "ServiceUrl" },
        { "RefreshBefore", "-00:00:01", "RefreshBefore" },
        { "AuthFlow", "7", "AuthFlow" },
        { "TokenType", "5", "TokenType" },
    };

    public static TheoryData<string, string?> ValidVariations => new()
    {
        { "Region", "ap-northeast-1" },
        { "ApiBaseAddress", "http://localhost:3000/" },
        { "ApiBaseAddress", "http://127.0.0.1:3000/" },
        { "ApiBaseAddress", "http://[::1]:3000/" },
        { "ServiceUrl", "http://127.0.0.1:9229/" },
        { "ServiceUrl", "https://cognito-idp.ap-northeast-1.amazonaws.com/" },
        { "RefreshBefore", "00:00:00" },
        { "AuthFlow", "UserPassword" },
        { "TokenType", "Id" },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigurations))]
    public async Task StartAsync_InvalidConfiguration_FailsNamingTheKey(string key, string? value, string namedKey)
    {
        using var host = BuildHost(With(Valid, key, value));

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(namedKey, exception.Message, StringComparison.Ordinal);
        Assert.Equal(CognitoApiClientOptions.DefaultName, exception.OptionsName);
    }

    [Theory]
    [MemberData(nameof(ValidVariations))]
    public async Task StartAsync_ValidConfiguration_Starts(string key, string? value)
    {
        using var host = BuildHost(With(Valid, key, value));

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_UserPasswordFlowWithoutPoolIdOrRegion_FailsNamingRegion()
    {
        var settings = With(With(Valid, "UserPoolId", null), "AuthFlow", "UserPassword");
        using var host = BuildHost(settings);

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Region", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Region", "ap-northeast-1")]
    [InlineData("ServiceUrl", "http://127.0.0.1:9229/")]
    public async Task StartAsync_UserPasswordFlowWithoutPoolId_StartsWhenTheEndpointIsKnown(string key, string value)
    {
        var settings = With(With(With(Valid, "UserPoolId", null), "AuthFlow", "UserPassword"), key, value);
        using var host = BuildHost(settings);

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_SecondNamedClientInvalid_FailsNamingTheClientAndKey()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddCognitoApiClient(new ConfigurationBuilder().AddInMemoryCollection(Valid).Build());
        builder.Services.AddCognitoApiClient("second", o => o.ClientId = "only this");
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("second", exception.OptionsName);
        Assert.Contains("Username", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_UndefinedEnumName_FailsNamingTheKey()
    {
        using var host = BuildHost(With(Valid, "AuthFlow", "SRP"));

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("AuthFlow", exception.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.ToDictionary(p => "CognitoAuth:" + p.Key, p => p.Value));
        builder.Logging.ClearProviders();
        builder.Services.AddCognitoApiClient(builder.Configuration.GetSection(CognitoApiClientOptions.SectionName));
        return builder.Build();
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, string key, string? value)
    {
        var copy = new Dictionary<string, string?>(settings);
        if (value is null)
        {
            copy.Remove(key);
        }
        else
        {
            copy[key] = value;
        }

        return copy;
    }
}

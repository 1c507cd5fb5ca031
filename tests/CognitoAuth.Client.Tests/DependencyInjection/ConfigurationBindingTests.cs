using CognitoAuth.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Tests.DependencyInjection;

public sealed class ConfigurationBindingTests
{
    private static readonly Dictionary<string, string?> EveryKey = new()
    {
        ["Region"] = "ap-northeast-1",
        ["UserPoolId"] = "ap-northeast-1_AbC123xyz",
        ["ClientId"] = "client-id",
        ["ClientSecret"] = "client-secret",
        ["Username"] = "testuser@example.com",
        ["Password"] = "TempPass123!",
        ["NewPassword"] = "NewSecurePass123!",
        ["AuthFlow"] = "UserPassword",
        ["TokenType"] = "Id",
        ["ApiBaseAddress"] = "https://abc123.execute-api.ap-northeast-1.amazonaws.com/",
        ["ServiceUrl"] = "http://127.0.0.1:9229/",
        ["RefreshBefore"] = "00:05:00",
        ["UserAttributes:name"] = "Test User",
        ["UserAttributes:given_name"] = "Test",
    };

    [Fact]
    public void AddCognitoApiClient_InMemorySection_BindsEveryKey()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(EveryKey.ToDictionary(p => "CognitoAuth:" + p.Key, p => p.Value))
            .Build();

        AssertEveryKeyBound(Bind(configuration.GetSection("CognitoAuth")));
    }

    [Fact]
    public void AddCognitoApiClient_EnvironmentVariables_BindsEveryKey()
    {
        // A unique prefix keeps this process-wide state away from other tests.
        var prefix = $"CATEST_{Guid.NewGuid():N}_";
        var names = EveryKey.Keys.Select(k => prefix + "CognitoAuth__" + k.Replace(":", "__", StringComparison.Ordinal)).ToArray();
        try
        {
            foreach (var (name, value) in names.Zip(EveryKey.Values))
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

            AssertEveryKeyBound(Bind(configuration.GetSection(CognitoApiClientOptions.SectionName)));
        }
        finally
        {
            foreach (var name in names)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public void AddCognitoApiClient_MinimalSection_AppliesTheDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UserPoolId"] = "ap-northeast-1_AbC123xyz",
            ["ClientId"] = "client-id",
            ["Username"] = "u",
            ["Password"] = "p",
            ["ApiBaseAddress"] = "https://api.example.com/",
        }).Build();

        var options = Bind(configuration);

        Assert.Equal(CognitoAuthFlow.AdminUserPassword, options.AuthFlow);
        Assert.Equal(CognitoTokenType.Access, options.TokenType);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RefreshBefore);
        Assert.Null(options.ServiceUrl);
        Assert.Null(options.Region);
        Assert.Equal("ap-northeast-1", CognitoClientContext.RegionOf(options));
        Assert.Empty(options.UserAttributes);
    }

    [Theory]
    [InlineData("CustomAuth", "CustomAuthWithSrp", "true")]
    [InlineData("UserAuth", "PreferredChallenge", "EMAIL_OTP")]
    public void AddCognitoApiClient_ThirdRoundKeys_Bind(string authFlow, string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UserPoolId"] = "ap-northeast-1_AbC123xyz",
            ["ClientId"] = "client-id",
            ["Username"] = "u",
            ["Password"] = "p",
            ["ApiBaseAddress"] = "https://api.example.com/",
            ["AuthFlow"] = authFlow,
            [key] = value,
        }).Build();

        var options = Bind(configuration);

        Assert.Equal(Enum.Parse<CognitoAuthFlow>(authFlow), options.AuthFlow);
        Assert.Equal(value, key == "CustomAuthWithSrp" ? options.CustomAuthWithSrp.ToString().ToLowerInvariant() : options.PreferredChallenge);
    }

    [Fact]
    public void ToString_RedactsPasswordNewPasswordAndClientSecret()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(EveryKey).Build();

        var text = Bind(configuration).ToString();

        Assert.DoesNotContain("TempPass123!", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NewSecurePass123!", text, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret", text, StringComparison.Ordinal);
        Assert.Contains("testuser@example.com", text, StringComparison.Ordinal);
        Assert.Contains("ap-northeast-1_AbC123xyz", text, StringComparison.Ordinal);
    }

    private static CognitoApiClientOptions Bind(IConfiguration section)
    {
        var services = new ServiceCollection();
        var builder = services.AddCognitoApiClient(section);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<CognitoApiClientOptions>>().Get(builder.Name);
    }

    private static void AssertEveryKeyBound(CognitoApiClientOptions options)
    {
        Assert.Equal("ap-northeast-1", options.Region);
        Assert.Equal("ap-northeast-1_AbC123xyz", options.UserPoolId);
        Assert.Equal("client-id", options.ClientId);
        Assert.Equal("client-secret", options.ClientSecret);
        Assert.Equal("testuser@example.com", options.Username);
        Assert.Equal("TempPass123!", options.Password);
        Assert.Equal("NewSecurePass123!", options.NewPassword);
        Assert.Equal(CognitoAuthFlow.UserPassword, options.AuthFlow);
        Assert.Equal(CognitoTokenType.Id, options.TokenType);
        Assert.Equal(new Uri("https://abc123.execute-api.ap-northeast-1.amazonaws.com/"), options.ApiBaseAddress);
        Assert.Equal(new Uri("http://127.0.0.1:9229/"), options.ServiceUrl);
        Assert.Equal(TimeSpan.FromMinutes(5), options.RefreshBefore);
        Assert.Equal("Test User", options.UserAttributes["name"]);
        Assert.Equal("Test", options.UserAttributes["given_name"]);
    }
}

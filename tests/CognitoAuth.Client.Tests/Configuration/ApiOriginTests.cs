using CognitoAuth.Client.Configuration;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Configuration;

/// <summary>
/// The origin check that decides whether a request may carry the token, on both of its paths: the text of a URI written
/// in the origin's canonical form, and the parsed URI for anything else.
/// </summary>
public sealed class ApiOriginTests
{
    [Theory]
    // Canonical text: the fast path.
    [InlineData("https://api.example.com/prod/", "https://api.example.com/prod/hello", true)]
    [InlineData("https://api.example.com/prod/", "https://api.example.com/", true)]
    [InlineData("https://api.example.com:8443/prod/", "https://api.example.com:8443/other", true)]
    [InlineData("http://127.0.0.1:4566/prod/", "http://127.0.0.1:4566/prod/hello", true)]
    [InlineData("http://[::1]:4566/prod/", "http://[::1]:4566/prod/hello", true)]
    // The same origin written otherwise: the parsed path.
    [InlineData("https://api.example.com/prod/", "HTTPS://API.EXAMPLE.COM/prod/hello", true)]
    [InlineData("https://api.example.com/prod/", "https://api.example.com:443/prod/hello", true)]
    [InlineData("https://api.example.com/prod/", "https://api.example.com", true)]
    [InlineData("https://API.example.com:443/prod/", "https://api.example.com/prod/hello", true)]
    // Other origins that start like the API's.
    [InlineData("https://api.example.com/prod/", "https://api.example.com.evil.example/prod/hello", false)]
    [InlineData("https://api.example.com/prod/", "https://api.example.com@evil.example/prod/hello", false)]
    [InlineData("https://api.example.com/prod/", "https://api.example.com:443@evil.example/", false)]
    [InlineData("https://api.example.com/prod/", "https://api.example.com:8443/prod/hello", false)]
    [InlineData("https://api.example.com/prod/", "http://api.example.com/prod/hello", false)]
    [InlineData("https://api.example.com:8443/prod/", "https://api.example.com/prod/hello", false)]
    [InlineData("http://127.0.0.1:4566/prod/", "http://127.0.0.1:45660/prod/hello", false)]
    public void IsApiOrigin_ComparesSchemeHostAndPort(string apiBase, string url, bool sameOrigin)
    {
        var client = Context(apiBase);

        Assert.Equal(sameOrigin, client.IsApiOrigin(new Uri(url)));
    }

    [Fact]
    public void IsApiOrigin_UriMadeFromTheBaseAddress_IsTheApisOrigin()
    {
        var client = Context("https://api.example.com/prod/");

        Assert.True(client.IsApiOrigin(new Uri(client.ApiBaseAddress, "hello?name=a")));
        Assert.True(client.IsApiOrigin(new Uri(client.ApiBaseAddress, "../../other")));
        Assert.False(client.IsApiOrigin(new Uri(client.ApiBaseAddress, "//evil.example/hello")));
    }

    private static CognitoClientContext Context(string apiBase)
    {
        var options = new CognitoApiClientOptions();
        ClientHarness.Defaults(options);
        options.ApiBaseAddress = new Uri(apiBase);
        using var harness = new ClientHarness();
        var flow = harness.Services.GetRequiredService<FlowCatalog>().Get(options.AuthFlow);
        return CognitoClientContext.Create(CognitoApiClientOptions.DefaultName, options, flow);
    }
}

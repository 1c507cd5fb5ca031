using System.Net;
using System.Text;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>CORS as Cognito answers browsers, so amazon-cognito-identity-js and Amplify work against the emulator.</summary>
public sealed class CorsTests
{
    [Fact]
    public async Task Preflight_AllowsPostWithTheRequestedHeaders()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, emulator.CognitoEndpoint);
        preflight.Headers.Add("Origin", "http://localhost:3000");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-amz-target,x-amz-user-agent");

        using var response = await http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Equal("content-type,x-amz-target,x-amz-user-agent", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")));
        Assert.Equal("172800", Assert.Single(response.Headers.GetValues("Access-Control-Max-Age")));
        Assert.Equal(0, emulator.CognitoRequests.Total);
    }

    [Fact]
    public async Task Answers_SuccessAndError_CarryTheCorsHeaders()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var failed = await client.CallAsync("InitiateAuth", new { ClientId = emulator.ClientId, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "x@example.com", ["PASSWORD"] = "Wrong123!" } });
        using var jwks = await client.GetAsync($"{emulator.UserPoolId}/.well-known/jwks.json");

        Assert.Equal("*", Assert.Single(failed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("x-amzn-ErrorType", Assert.Single(failed.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.Ordinal);
        Assert.Equal("*", Assert.Single(jwks.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Theory]
    [InlineData("_local/inbox")]
    [InlineData("_local/")]
    [InlineData("_LOCAL/inbox")]
    [InlineData("_Local/")]
    public async Task LocalPages_AnswerNoOtherOrigin(string localPath)
    {
        // The inbox holds temporary passwords and reset codes: a web page in the developer's browser must not read them.
        // Routes match paths case-insensitively, so another spelling reaches the same pages and must be refused alike.
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient();
        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.CognitoEndpoint, localPath));
        get.Headers.Add("Origin", "http://evil.example");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(emulator.CognitoEndpoint, localPath));
        preflight.Headers.Add("Origin", "http://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var api = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.CognitoEndpoint, $"{emulator.UserPoolId}/.well-known/jwks.json"));
        api.Headers.Add("Origin", "http://evil.example");

        using var got = await http.SendAsync(get);
        using var preflighted = await http.SendAsync(preflight);
        using var apiAnswer = await http.SendAsync(api);

        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.False(got.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflighted.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflighted.Headers.Contains("Access-Control-Allow-Methods"));
        Assert.NotEqual(HttpStatusCode.OK, preflighted.StatusCode);
        Assert.Equal("*", Assert.Single(apiAnswer.Headers.GetValues("Access-Control-Allow-Origin")));
    }
}

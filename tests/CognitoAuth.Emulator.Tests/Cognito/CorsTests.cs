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
}

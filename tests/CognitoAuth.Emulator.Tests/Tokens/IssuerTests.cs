using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Tokens;

/// <summary><c>--issuer aws</c>: Cognito's issuer format in tokens and discovery, the JWKS still served locally, the API following it.</summary>
public sealed class IssuerTests
{
    [Fact]
    public async Task AwsIssuer_TokensCarryCognitosIssuer_DiscoveryPointsAtTheLocalJwks_TheApiAcceptsThem()
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { Issuer = EmulatorIssuer.Aws, Region = "us-east-1" });
        using var client = new CognitoTestClient(emulator);

        var tokens = await client.SignInSeedUserAsync();
        using var discovery = await client.GetAsync($"{emulator.UserPoolId}/.well-known/openid-configuration");
        var document = JsonDocument.Parse(await discovery.Content.ReadAsStringAsync()).RootElement;
        using var jwks = await client.GetAsync(new Uri(document.GetProperty("jwks_uri").GetString()!).PathAndQuery.TrimStart('/'));
        using var http = new HttpClient();
        using var hello = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.ApiUrl, "hello")) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken) } };
        using var answer = await http.SendAsync(hello);

        var expected = $"https://cognito-idp.us-east-1.amazonaws.com/{emulator.UserPoolId}";
        Assert.StartsWith("us-east-1_", emulator.UserPoolId, StringComparison.Ordinal);
        Assert.Equal(expected, emulator.Issuer);
        Assert.Equal(expected, TokenForge.Payload(tokens.AccessToken)["iss"]!.GetValue<string>());
        Assert.Equal(expected, TokenForge.Payload(tokens.IdToken)["iss"]!.GetValue<string>());
        Assert.Equal(expected, document.GetProperty("issuer").GetString());
        Assert.Equal($"{emulator.CognitoEndpoint}{emulator.UserPoolId}/.well-known/jwks.json", document.GetProperty("jwks_uri").GetString());
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.Equal("Hello from a protected API!", await answer.Content.ReadAsStringAsync());
        (await client.CallAsync("GetUser", new { tokens.AccessToken })).AssertOk();
    }

    [Fact]
    public async Task LocalIssuer_ATokenOfAnAwsIssuerEmulator_IsRefusedByTheApi()
    {
        await using var aws = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { Issuer = EmulatorIssuer.Aws });
        await using var local = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(aws);
        var tokens = await client.SignInSeedUserAsync();
        using var http = new HttpClient();
        using var hello = new HttpRequestMessage(HttpMethod.Get, new Uri(local.ApiUrl, "hello")) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken) } };

        using var answer = await http.SendAsync(hello);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Headers;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>
/// Contract 5's reference trigger in the emulator's reference pool: the seed user's token is refused at
/// <c>GET /scoped/hello</c>; once the user is in <c>readers</c>, the next token (a refresh) reaches it.
/// </summary>
public sealed class ReferenceTriggerTests
{
    [Fact]
    public async Task ReferencePool_ReaderAfterRefresh_ReachesScopedHello()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        using var http = new HttpClient();
        var tokens = await client.SignInSeedUserAsync();

        var before = await GetScopedHelloAsync(http, emulator, tokens.AccessToken);
        (await client.CallAsync("AdminAddUserToGroup", new
        {
            emulator.UserPoolId,
            ReferenceStack.TestUser.Username,
            GroupName = ReferenceStack.ReadersGroup.Name,
        })).AssertOk();
        var refreshed = await client.RefreshAsync(tokens.RefreshToken!);
        refreshed.AssertOk();
        var after = await GetScopedHelloAsync(http, emulator, refreshed.Get("AuthenticationResult", "AccessToken"));

        Assert.Equal(HttpStatusCode.Forbidden, before);
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task ReferencePool_DescribedWithTheTriggerAndTheFeaturePlan()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var described = await client.CallAsync("DescribeUserPool", new { emulator.UserPoolId });

        described.AssertOk();
        var pool = described.Json.GetProperty("UserPool");
        Assert.Equal(ReferenceStack.FeaturePlan, pool.GetProperty("UserPoolTier").GetString());
        var config = pool.GetProperty("LambdaConfig").GetProperty("PreTokenGenerationConfig");
        Assert.Equal(ReferenceStack.TokenTriggerVersion, config.GetProperty("LambdaVersion").GetString());
        Assert.EndsWith(":function:" + ReferenceStack.TokenTriggerName, config.GetProperty("LambdaArn").GetString(), StringComparison.Ordinal);
        (await client.CallAsync("GetGroup", new { emulator.UserPoolId, GroupName = ReferenceStack.ReadersGroup.Name })).AssertOk();
    }

    private static async Task<HttpStatusCode> GetScopedHelloAsync(HttpClient http, CognitoEmulator emulator, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.ApiUrl, "scoped/hello"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}

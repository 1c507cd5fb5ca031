using System.Net;
using CognitoAuth.Emulator;
using CognitoAuth.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// Tokens go only to the configured API origin, even when the API redirects: two real loopback servers, the API on one
/// port redirecting to another origin, which must never see an Authorization header — not on the redirect, and not on a
/// retry after that origin answers 401.
/// </summary>
public sealed class RedirectTests
{
    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Redirect_ToAnotherOrigin_CarriesNoAuthorizationHeader(int status)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var other = await RecordingApi.StartAsync(context => context.Response.WriteAsync("elsewhere"));
        await using var api = await RecordingApi.StartAsync(context => Redirect(context, status, new Uri(other.BaseAddress, "collect")));
        await using var client = await ClientHost.StartAsync(emulator, o => o.ApiBaseAddress = api.BaseAddress);

        using var response = await client.Http.GetAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal("elsewhere", await response.Content.ReadAsStringAsync());
        var (_, sent) = Assert.Single(api.Requests);
        Assert.StartsWith("Bearer ey", sent, StringComparison.Ordinal); // the API itself got the token
        Assert.Equal(("/collect", (string?)null), Assert.Single(other.Requests));
    }

    [Fact]
    public async Task Redirect_ToAnotherOriginThatAnswers401_IsNotRetriedWithARenewedToken()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var other = await RecordingApi.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });
        await using var api = await RecordingApi.StartAsync(context => Redirect(context, 302, new Uri(other.BaseAddress, "collect")));
        await using var client = await ClientHost.StartAsync(emulator, o => o.ApiBaseAddress = api.BaseAddress);

        using var response = await client.Http.GetAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.All(other.Requests, r => Assert.Null(r.Authorization));
        Assert.Single(other.Requests);
        Assert.Single(api.Requests);
        Assert.Equal(1, emulator.CognitoRequests["AdminInitiateAuth"]); // the sign-in; no renewal for another origin's 401
    }

    [Fact]
    public async Task Redirect_WithinTheApiOrigin_StillReachesTheTargetWithTheToken()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var api = await RecordingApi.StartAsync(context =>
        {
            if (context.Request.Path == "/hello")
            {
                return Redirect(context, 302, new Uri("/moved", UriKind.Relative));
            }

            context.Response.StatusCode = context.Request.Headers.Authorization.Count == 0 ? 401 : 200;
            return Task.CompletedTask;
        });
        await using var client = await ClientHost.StartAsync(emulator, o => o.ApiBaseAddress = api.BaseAddress);

        using var response = await client.Http.GetAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/moved", api.Requests.Last().Path);
        Assert.NotNull(api.Requests.Last().Authorization);
    }

    private static Task Redirect(HttpContext context, int status, Uri location)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location.ToString();
        return Task.CompletedTask;
    }
}

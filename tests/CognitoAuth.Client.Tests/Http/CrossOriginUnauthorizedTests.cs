using System.Net;
using CognitoAuth.Client.Tests.Fakes;

namespace CognitoAuth.Client.Tests.Http;

/// <summary>
/// The primary handler follows redirects and leaves the request pointing at the last target. A 401 from there is not the
/// API's verdict on the token: the handler returns it rather than renewing and resending the token to that origin.
/// (The two-server version of this, over real sockets, is in the integration tests.)
/// </summary>
public sealed class CrossOriginUnauthorizedTests
{
    [Theory]
    [InlineData("https://attacker.example.com/collect")]
    [InlineData("https://api.example.com:8443/prod/hello")]
    [InlineData("http://api.example.com/prod/hello")]
    public async Task GetAsync_RedirectedElsewhereAndAnswered401_ReturnsThe401WithoutRenewingOrResending(string redirectedTo)
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();
        harness.Api.Respond = request =>
        {
            request.RequestUri = new Uri(redirectedTo); // what SocketsHttpHandler's redirect handling does
            request.Headers.Authorization = null;
            return new HttpResponseMessage(HttpStatusCode.Unauthorized);
        };

        using var response = await http.GetAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(harness.Api.Requests);
        Assert.Equal(0, harness.Cognito.Refreshes);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "UnauthorizedFromOtherOrigin");
    }

    [Fact]
    public async Task GetAsync_RedirectedWithinTheApiOriginAndAnswered401_RenewsAndRetriesThere()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();
        harness.Api.Respond = request =>
        {
            if (harness.Api.Requests.Count == 1)
            {
                request.RequestUri = new Uri(ClientHarness.ApiBase, "moved");
                return new HttpResponseMessage(HttpStatusCode.Unauthorized);
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        };

        using var response = await http.GetAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Uri(ClientHarness.ApiBase, "moved"), harness.Api.Requests.Last().Uri);
        Assert.NotNull(harness.Api.Requests.Last().Token);
    }
}

using System.Net;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Tests.Http;

public sealed class BearerTokenHandlerTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    [Fact]
    public async Task GetAsync_ToTheApi_SendsTheAccessTokenAsBearer()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();

        var body = await http.GetStringAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(StubApi.Hello, body);
        var received = Assert.Single(harness.Api.Requests);
        Assert.Equal(new Uri("https://api.example.com/prod/hello"), received.Uri);
        Assert.Equal("Bearer", received.Scheme);
        Assert.Equal((await harness.Tokens.GetTokensAsync(Name)).AccessToken, received.Token);
    }

    [Fact]
    public async Task GetAsync_TokenTypeId_SendsTheIdToken()
    {
        using var harness = new ClientHarness(o => o.TokenType = CognitoTokenType.Id);
        using var http = harness.CreateHttpClient();

        await http.GetStringAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal((await harness.Tokens.GetTokensAsync(Name)).IdToken, Assert.Single(harness.Api.Requests).Token);
    }

    [Fact]
    public async Task GetAsync_TokenTypeIdButNoIdTokenIssued_ThrowsThePackagesErrorAndSendsNothing()
    {
        using var harness = new ClientHarness(o => o.TokenType = CognitoTokenType.Id);
        harness.Cognito.OmitIdToken = true;
        using var http = harness.CreateHttpClient();

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => http.GetStringAsync(new Uri("hello", UriKind.Relative)));

        Assert.Contains("TokenType is Id", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Api.Requests);
    }

    [Fact]
    public async Task GetAsync_ManyRequests_SignInOnce()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();

        for (var i = 0; i < 5; i++)
        {
            await http.GetStringAsync(new Uri("hello", UriKind.Relative));
        }

        Assert.Single(harness.Cognito.Calls);
        Assert.Single(harness.Api.Requests.Select(r => r.Token).Distinct());
    }

    [Theory]
    [InlineData("https://evil.example.com/prod/hello")]
    [InlineData("https://api.example.com:8443/prod/hello")]
    [InlineData("https://api.example.com.evil.example/prod/hello")]
    [InlineData("http://localhost/prod/hello")]
    public async Task GetAsync_ToAnotherOrigin_SendsNoTokenAndWarns(string url)
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();

        await http.GetAsync(new Uri(url));

        var received = Assert.Single(harness.Api.Requests);
        Assert.Null(received.Token);
        Assert.Empty(harness.Cognito.Calls);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Id.Name == "TokenWithheldFromOtherOrigin");
    }

    [Fact]
    public async Task GetAsync_SameOriginDifferentPath_SendsTheToken()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();

        await http.GetAsync(new Uri("https://API.example.com:443/other"));

        Assert.NotNull(Assert.Single(harness.Api.Requests).Token);
    }

    [Theory]
    [InlineData("https://bücher.example/prod/", "https://xn--bcher-kva.example/prod/hello", true)]
    [InlineData("https://xn--bcher-kva.example/prod/", "https://bücher.example/prod/hello", true)]
    [InlineData("https://bücher.example/prod/", "https://BÜCHER.example/prod/hello", true)]
    [InlineData("https://bücher.example/prod/", "https://bucher.example/prod/hello", false)]
    [InlineData("https://xn--bcher-kva.example/prod/", "https://xn--bcher-kva.example.evil/prod/hello", false)]
    public async Task GetAsync_InternationalizedHost_MatchesTheOriginByItsIdnForm(string apiBase, string url, bool sendsToken)
    {
        using var harness = new ClientHarness(o => o.ApiBaseAddress = new Uri(apiBase));
        using var http = harness.CreateHttpClient();

        await http.GetAsync(new Uri(url));

        Assert.Equal(sendsToken, Assert.Single(harness.Api.Requests).Token is not null);
    }

    [Fact]
    public async Task GetAsync_PlainHttpToANonLoopbackHost_RefusesAndSendsNothing()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => http.GetAsync(new Uri("http://api.example.com/prod/hello")));

        Assert.Contains("plain-http", exception.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Api.Requests);
        Assert.Empty(harness.Cognito.Calls);
    }

    [Fact]
    public async Task GetAsync_PlainHttpApiOnLoopback_SendsTheToken()
    {
        using var harness = new ClientHarness(o => o.ApiBaseAddress = new Uri("http://127.0.0.1:3000/"));
        using var http = harness.CreateHttpClient();

        await http.GetAsync(new Uri("hello", UriKind.Relative));

        Assert.NotNull(Assert.Single(harness.Api.Requests).Token);
    }

    [Fact]
    public void Send_Synchronous_IsNotSupported()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("hello", UriKind.Relative));

        Assert.Throws<NotSupportedException>(() => http.Send(request));
        Assert.Empty(harness.Api.Requests);
    }

    [Fact]
    public async Task GetAsync_Unauthorized_RenewsOnceAndRetriesOnceWithTheNewToken()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();
        var rejected = new List<TrackedResponse>();
        harness.Api.Respond = _ => Respond(harness.Api.Requests.Count == 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.OK, rejected);

        using var response = await http.GetAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = harness.Api.Requests.Select(r => r.Token).ToArray();
        Assert.Equal(2, tokens.Length);
        Assert.NotEqual(tokens[0], tokens[1]);
        Assert.Equal(1, harness.Cognito.Refreshes);
        Assert.True(rejected[0].Disposed);
    }

    [Fact]
    public async Task GetAsync_UnauthorizedTwice_ReturnsTheSecond401WithoutLooping()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();
        harness.Api.Respond = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("""{"message":"Unauthorized"}""") };

        using var response = await http.GetAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, harness.Api.Requests.Count);
        Assert.Equal(1, harness.Cognito.Refreshes);
    }

    [Fact]
    public async Task PostAsync_UnauthorizedWithBufferedContent_RetriesWithTheSameBody()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();
        harness.Api.Respond = _ => new HttpResponseMessage(harness.Api.Requests.Count == 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);

        using var content = new StringContent("""{"greeting":"hi"}""");
        using var response = await http.PostAsync(new Uri("hello", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(harness.Api.Requests, r => Assert.Equal("""{"greeting":"hi"}""", r.Body));
        Assert.Equal(2, harness.Api.Requests.Count);
    }

    [Fact]
    public async Task PostAsync_UnauthorizedWithStreamContent_ReturnsThe401WithoutRetrying()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();
        harness.Api.Respond = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized);

        using var content = new StreamContent(new MemoryStream("data"u8.ToArray()));
        using var response = await http.PostAsync(new Uri("hello", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(harness.Api.Requests);
        Assert.Equal(0, harness.Cognito.Refreshes);
    }

    [Fact]
    public async Task GetAsync_ConcurrentUnauthorized_RenewOnce()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();
        var stale = (await harness.Tokens.GetTokensAsync(Name)).AccessToken;
        harness.Api.Respond = request => new HttpResponseMessage(
            request.Headers.Authorization?.Parameter == stale ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => http.GetAsync(new Uri("hello", UriKind.Relative)))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, harness.Cognito.Refreshes);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task GetAsync_NoTokenCanBeHad_ThrowsAndSendsNothing()
    {
        using var harness = new ClientHarness(o => o.Password = "wrong");
        using var http = harness.CreateHttpClient();

        var exception = await Assert.ThrowsAsync<CognitoException>(() => http.GetAsync(new Uri("hello", UriKind.Relative)));

        Assert.Equal(CognitoErrorCodes.NotAuthorized, exception.ErrorCode);
        Assert.Empty(harness.Api.Requests);
    }

    [Fact]
    public async Task GetAsync_TwoNamedClientsForTwoUsers_EachRequestCarriesItsOwnUsersToken()
    {
        var bobApi = new StubApi();
        using var harness = new ClientHarness(services: s => s
            .AddCognitoApiClient("bob", o => { ClientHarness.Defaults(o); o.Username = "bob@example.com"; })
            .ConfigurePrimaryHttpMessageHandler(() => bobApi));
        harness.Cognito.Username = "bob@example.com";
        harness.Cognito.CognitoUsername = "bob@example.com";
        var bobTokens = await harness.Tokens.GetTokensAsync("bob");
        harness.Cognito.Username = "testuser@example.com";
        harness.Cognito.CognitoUsername = "testuser@example.com";
        using var alice = harness.CreateHttpClient();
        using var bob = harness.CreateHttpClient("bob");

        await alice.GetAsync(new Uri("hello", UriKind.Relative));
        await bob.GetAsync(new Uri("hello", UriKind.Relative));
        await alice.GetAsync(new Uri("hello", UriKind.Relative));

        var aliceTokens = await harness.Tokens.GetTokensAsync(Name);
        Assert.NotEqual(aliceTokens.AccessToken, bobTokens.AccessToken);
        Assert.All(harness.Api.Requests, r => Assert.Equal(aliceTokens.AccessToken, r.Token));
        Assert.Equal(2, harness.Api.Requests.Count);
        Assert.Equal(bobTokens.AccessToken, Assert.Single(bobApi.Requests).Token);
    }

    private static TrackedResponse Respond(HttpStatusCode status, List<TrackedResponse> all)
    {
        var response = new TrackedResponse(status);
        all.Add(response);
        return response;
    }
}

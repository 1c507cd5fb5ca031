using System.Net;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Http;

/// <summary>
/// The handler's cached-token path: the header carries the cached token, replacing any the caller
/// set; the 401 retry works whether the inner handler answers at once or later; client names for one user share one cache.
/// </summary>
public sealed class HandlerHotPathTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    [Fact]
    public async Task GetAsync_TwoRequestsWithACachedToken_SendTheSameHeaderAfterOneSignIn()
    {
        var sent = new List<string>();
        var api = new StubApi();
        using var harness = new ClientHarness(services: s => s.AddHttpClient(Name).ConfigurePrimaryHttpMessageHandler(() => new RawHeaderRecorder(api, sent)));
        using var http = harness.CreateHttpClient();

        await http.GetStringAsync(new Uri("hello", UriKind.Relative));
        await http.GetStringAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(2, sent.Count);
        Assert.Equal($"Bearer {(await harness.Tokens.GetTokensAsync(Name)).AccessToken}", sent[0]);
        Assert.Equal(sent[0], sent[1]);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task GetAsync_CallerSetAnAuthorizationHeader_IsReplacedByTheToken()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("hello", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer someone-elses-token");

        using var response = await http.SendAsync(request);

        var received = Assert.Single(harness.Api.Requests);
        Assert.Equal((await harness.Tokens.GetTokensAsync(Name)).AccessToken, received.Token);
        Assert.Single(request.Headers.NonValidated["Authorization"]);
    }

    [Fact]
    public async Task GetAsync_InnerHandlerAnswersLater_UnauthorizedStillRenewsAndRetriesOnce()
    {
        var api = new StubApi();
        using var harness = new ClientHarness(services: s => s.AddHttpClient(Name).ConfigurePrimaryHttpMessageHandler(() => new LaterApi(api)));
        using var http = harness.CreateHttpClient();
        await http.GetStringAsync(new Uri("hello", UriKind.Relative));
        api.Respond = _ => new HttpResponseMessage(api.Requests.Count == 2 ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);

        using var response = await http.GetAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = api.Requests.Select(r => r.Token).ToArray();
        Assert.Equal(3, tokens.Length);
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[1], tokens[2]);
        Assert.Equal(1, harness.Cognito.Refreshes);
    }

    [Fact]
    public async Task SignOut_OneOfTwoNamesForOneUser_DropsTheCachedTokensOfBoth()
    {
        using var harness = new ClientHarness(services: s => s.AddCognitoApiClient("second", ClientHarness.Defaults));
        var first = await harness.Tokens.GetTokensAsync(Name);
        Assert.Same(first, await harness.Tokens.GetTokensAsync("second"));

        await harness.Tokens.SignOutAsync(Name);
        var afterSignOut = await harness.Tokens.GetTokensAsync("second");

        Assert.NotEqual(first.AccessToken, afterSignOut.AccessToken);
        Assert.Equal(2, harness.Cognito.SignIns);
    }

    /// <summary>Records the Authorization value exactly as the handler added it, before anything parses it.</summary>
    private sealed class RawHeaderRecorder(StubApi api, List<string> sent) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _api = new(api);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Add(request.Headers.NonValidated["Authorization"].ToString());
            return _api.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            _api.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>The API, answering only after a yield: the handler's asynchronous path.</summary>
    private sealed class LaterApi(StubApi api) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _api = new(api);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await _api.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            _api.Dispose();
            base.Dispose(disposing);
        }
    }
}

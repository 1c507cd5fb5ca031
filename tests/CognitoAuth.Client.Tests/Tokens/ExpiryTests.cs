using System.Net;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Tokens;

/// <summary>
/// Every request reads the client's clock (the <see cref="TimeProvider"/>): a token is never sent once it is due, however
/// the time passed — a machine that slept, a Lambda environment thawed hours later — and whatever the request's content.
/// </summary>
public sealed class ExpiryTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;
    private static readonly Uri Hello = new("hello", UriKind.Relative);

    [Fact]
    public async Task GetAsync_ClockJumpsPastExpiry_RenewsBeforeSendingAndTheApiNeverSeesTheOldToken()
    {
        using var session = await SignedInAsync();
        var (harness, http, first) = session;
        RejectExpired(harness, first);

        harness.Time.Advance(TimeSpan.FromHours(2)); // asleep, or a frozen Lambda environment
        using var response = await http.GetAsync(Hello);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, harness.Api.Requests.Count);
        Assert.NotEqual(first.AccessToken, harness.Api.Requests.Last().Token);
        Assert.Equal(1, harness.Cognito.Refreshes);
    }

    [Fact]
    public async Task PostAsync_StreamedContentAfterTheClockJumped_SendsOnlyARenewedToken()
    {
        using var session = await SignedInAsync();
        var (harness, http, first) = session;
        RejectExpired(harness, first);

        harness.Time.Advance(TimeSpan.FromHours(2));
        using var response = await http.PostAsync(Hello, new StreamContent(new MemoryStream([1, 2, 3])));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(first.AccessToken, harness.Api.Requests.Last().Token);
    }

    [Fact]
    public async Task GetAsync_JustBeforeTheRenewalMargin_SendsTheCachedTokenWithoutCallingCognito()
    {
        using var session = await SignedInAsync();
        var (harness, http, first) = session;
        var calls = harness.Cognito.Calls.Count;

        harness.Time.SetUtcNow(first.ExpiresAt - TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1));
        await http.GetStringAsync(Hello);

        Assert.Equal(calls, harness.Cognito.Calls.Count);
        Assert.Equal(first.AccessToken, harness.Api.Requests.Last().Token);
    }

    [Fact]
    public async Task GetAsync_AtTheRenewalMargin_RenewsFirst()
    {
        using var session = await SignedInAsync();
        var (harness, http, first) = session;

        harness.Time.SetUtcNow(first.ExpiresAt - TimeSpan.FromMinutes(1));
        await http.GetStringAsync(Hello);

        Assert.Equal(1, harness.Cognito.Refreshes);
        Assert.NotEqual(first.AccessToken, harness.Api.Requests.Last().Token);
    }

    [Fact]
    public async Task GetAsync_AnotherClientNameForTheUserRenewedAfterA401_TheFirstClientSendsTheNewTokenAtOnce()
    {
        ClientHarness? built = null;
        using var harness = built = new ClientHarness(services: s => s.AddCognitoApiClient("second", ClientHarness.Defaults)
            .ConfigurePrimaryHttpMessageHandler(() => new Forward(() => built!.Api)));
        using var http = harness.CreateHttpClient();
        using var second = harness.CreateHttpClient("second");
        await http.GetStringAsync(Hello);
        var first = await harness.Tokens.GetTokensAsync(Name);

        // The API revokes the token (e.g. global sign-out): the second name meets the 401 and renews for both.
        harness.Api.Respond = request => new(request.Headers.Authorization?.Parameter == first.AccessToken ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);
        using (var renewed = await second.GetAsync(Hello))
        {
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        }

        using var response = await http.GetAsync(Hello);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(first.AccessToken, harness.Api.Requests.Last().Token);
        Assert.Equal(1, harness.Cognito.Refreshes);
    }

    [Fact]
    public async Task SignOut_ThenARequest_SignsInAgain()
    {
        using var session = await SignedInAsync();
        var (harness, http, first) = session;

        await harness.Tokens.SignOutAsync(Name);
        await http.GetStringAsync(Hello);

        Assert.Equal(2, harness.Cognito.SignIns);
        Assert.NotEqual(first.AccessToken, harness.Api.Requests.Last().Token);
    }

    /// <summary>A client that signed in with one request, with the tokens it got.</summary>
    private static async Task<Session> SignedInAsync()
    {
        var harness = new ClientHarness();
        var http = harness.CreateHttpClient();
        await http.GetStringAsync(Hello);
        return new Session(harness, http, await harness.Tokens.GetTokensAsync(Name));
    }

    private sealed record Session(ClientHarness Harness, HttpClient Http, CognitoTokenSet First) : IDisposable
    {
        public void Dispose()
        {
            Http.Dispose();
            Harness.Dispose();
        }
    }

    /// <summary>The API answers 401 to <paramref name="first"/>'s access token once the clock passes its expiry.</summary>
    private static void RejectExpired(ClientHarness harness, CognitoTokenSet first) =>
        harness.Api.Respond = request =>
            new(request.Headers.Authorization?.Parameter == first.AccessToken && harness.Time.GetUtcNow() >= first.ExpiresAt
                ? HttpStatusCode.Unauthorized
                : HttpStatusCode.OK);

    /// <summary>Sends a second client's requests to the harness's API.</summary>
    private sealed class Forward(Func<HttpMessageHandler> target) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var invoker = new HttpMessageInvoker(target(), disposeHandler: false);
            return invoker.SendAsync(request, cancellationToken);
        }
    }
}

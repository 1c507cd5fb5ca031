using System.Net;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Cognito;

/// <summary>
/// The Cognito back-channel (<see cref="CognitoApiClientOptions.BackChannelName"/>) brings its own retries: app-wide
/// HttpClient defaults (Aspire's service defaults add <c>AddStandardResilienceHandler</c> to every client) must not stack a
/// second retry pipeline on it, while its primary handler (a proxy) stays the app's to set.
/// </summary>
public sealed class BackChannelTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AppWideStandardResilienceHandler_Cognito500_OnlyTheBackChannelsOwnFourAttempts(bool defaultsRegisteredFirst)
    {
        static void Defaults(IServiceCollection services) =>
            services.ConfigureHttpClientDefaults(client => client.AddStandardResilienceHandler(o =>
            {
                // Zero waits, so that a stacked pipeline would show as 16 calls at once rather than as a slow test.
                o.Retry.Delay = TimeSpan.Zero;
                o.Retry.UseJitter = false;
            }));
        using var host = new CognitoTestHost(
            configure: defaultsRegisteredFirst ? Defaults : null,
            configureAfter: defaultsRegisteredFirst ? null : Defaults);
        host.Stub.Always(HttpStatusCode.InternalServerError, "{}");

        var failure = await Assert.ThrowsAsync<CognitoException>(() => host.Client.InitiateAuthAsync(
            CognitoTestHost.Endpoint,
            new InitiateAuthRequest { AuthFlow = AuthFlowType.UserPasswordAuth, ClientId = "client", AuthParameters = [] },
            CancellationToken.None));

        Assert.True(failure.IsRetryable);
        Assert.Equal(4, host.Stub.Calls);
    }

    [Fact]
    public async Task AppWideDefaults_OtherClientsStillGetThem()
    {
        var seen = 0;
        using var host = new CognitoTestHost(configure: services =>
        {
            services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new Counting(() => seen++)));
            services.AddHttpClient("app").ConfigurePrimaryHttpMessageHandler(() => new StubHttpMessageHandler());
        });

        await host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("app").GetAsync(new Uri("https://app.example.com/"));
        await host.Client.InitiateAuthAsync(
            CognitoTestHost.Endpoint,
            new InitiateAuthRequest { AuthFlow = AuthFlowType.UserPasswordAuth, ClientId = "client", AuthParameters = [] },
            CancellationToken.None);

        Assert.Equal(1, seen); // the app's client, not the back-channel
        Assert.Equal(1, host.Stub.Calls);
    }

    [Fact]
    public async Task BackChannelName_PrimaryHandlerConfiguredByTheApp_CarriesEveryCognitoCall()
    {
        // What an app behind a proxy does: services.AddHttpClient(BackChannelName).ConfigurePrimaryHttpMessageHandler(...).
        var proxied = new StubHttpMessageHandler();
        using var host = new CognitoTestHost(
            stubWire: false,
            configureAfter: services => services.AddHttpClient(CognitoApiClientOptions.BackChannelName).ConfigurePrimaryHttpMessageHandler(() => proxied));

        await host.Client.InitiateAuthAsync(
            CognitoTestHost.Endpoint,
            new InitiateAuthRequest { AuthFlow = AuthFlowType.UserPasswordAuth, ClientId = "client", AuthParameters = [] },
            CancellationToken.None);

        Assert.Equal(1, proxied.Calls);
        Assert.Equal("CognitoAuth.Cognito", CognitoApiClientOptions.BackChannelName);
    }

    private sealed class Counting(Action count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count();
            return base.SendAsync(request, cancellationToken);
        }
    }
}

using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Client.Tests.DependencyInjection;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void AddCognitoApiClient_Section_ReturnsTheBuilderOfTheDefaultClient()
    {
        var services = new ServiceCollection();

        var builder = services.AddCognitoApiClient(new ConfigurationBuilder().Build());

        Assert.Equal(CognitoApiClientOptions.DefaultName, builder.Name);
    }

    [Fact]
    public void AddCognitoApiClient_Named_ReturnsTheBuilderOfThatName()
    {
        var services = new ServiceCollection();

        var builder = services.AddCognitoApiClient("admin", ClientHarness.Defaults);

        Assert.Equal("admin", builder.Name);
    }

    [Fact]
    public void CreateClient_RegisteredClient_HasTheApiBaseAddress()
    {
        using var harness = new ClientHarness();

        using var http = harness.CreateHttpClient(harness.Builder.Name);

        Assert.Equal(ClientHarness.ApiBase, http.BaseAddress);
    }

    [Fact]
    public async Task AddCognitoApiClient_TypedClient_IsResolvedWithTheAuthenticatedHttpClient()
    {
        var api = new StubApi();
        using var harness = new ClientHarness(services: s =>
        {
            var builder = s.AddCognitoApiClient<HelloClient>(ClientHarness.Defaults);
            Assert.Equal(nameof(HelloClient), builder.Name);
            builder.ConfigurePrimaryHttpMessageHandler(() => api);
        });

        var hello = harness.Services.GetRequiredService<HelloClient>();
        var text = await hello.SayHelloAsync(CancellationToken.None);

        Assert.Equal(StubApi.Hello, text);
        Assert.Equal(ClientHarness.ApiBase, hello.Http.BaseAddress);
        Assert.NotNull(Assert.Single(api.Requests).Token);
    }

    [Fact]
    public void AddCognitoApiClient_TypedClientFromSection_UsesTheTypeName()
    {
        var services = new ServiceCollection();

        var builder = services.AddCognitoApiClient<HelloClient>(new ConfigurationBuilder().Build());

        Assert.Equal(nameof(HelloClient), builder.Name);
    }

    [Fact]
    public void AddCognitoApiClient_ServicesRegisteredBefore_AreKept()
    {
        var store = NSubstitute.Substitute.For<ICognitoTokenStore>();
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddSingleton<TimeProvider>(time);

        services.AddCognitoApiClient(ClientHarness.Defaults);
        services.AddCognitoApiClient("second", ClientHarness.Defaults);
        using var provider = services.BuildServiceProvider();

        Assert.Same(store, provider.GetRequiredService<ICognitoTokenStore>());
        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
        Assert.Single(services, d => d.ServiceType == typeof(ICognitoTokenProvider));
    }

    [Fact]
    public void AddCognitoApiClient_Defaults_RegisterTheSystemClockAndInMemoryStore()
    {
        var services = new ServiceCollection();
        services.AddCognitoApiClient(ClientHarness.Defaults);
        services.AddSingleton(NSubstitute.Substitute.For<ICognitoIdentityProvider>());
        using var provider = services.BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.IsType<CognitoAuth.Client.Tokens.InMemoryCognitoTokenStore>(provider.GetRequiredService<ICognitoTokenStore>());
        Assert.Same(provider.GetRequiredService<ICognitoTokenProvider>(), provider.GetRequiredService<CognitoAuth.Client.Tokens.CognitoTokenManager>());
    }

    [Fact]
    public async Task CreateUser_RegisteredClient_CallsAdminCreateUserInItsPool()
    {
        using var harness = new ClientHarness();
        var creator = harness.Services.GetRequiredService<ICognitoUserCreator>();

        await creator.CreateUserAsync(
            CognitoApiClientOptions.DefaultName,
            "newuser@example.com",
            "TempPass123!",
            new Dictionary<string, string> { ["email"] = "newuser@example.com", ["email_verified"] = "true" });

        var request = Assert.Single(harness.Cognito.Requests<AdminCreateUserRequest>());
        Assert.Equal(FakeCognito.PoolId, request.UserPoolId);
        Assert.Equal("newuser@example.com", request.Username);
        Assert.Equal("TempPass123!", request.TemporaryPassword);
        Assert.Equal("SUPPRESS", request.MessageAction);
        Assert.Equal(["email", "email_verified"], request.UserAttributes!.Select(a => a.Name));
    }

    [Fact]
    public async Task CreateUser_ClientWithoutPoolId_ThrowsNamingUserPoolId()
    {
        using var harness = new ClientHarness(o => { o.UserPoolId = null; o.AuthFlow = CognitoAuthFlow.UserPassword; o.Region = "ap-northeast-1"; });
        var creator = harness.Services.GetRequiredService<ICognitoUserCreator>();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => creator.CreateUserAsync(CognitoApiClientOptions.DefaultName, "u", "p"));

        Assert.Contains("UserPoolId", exception.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Cognito.Calls);
    }

    public sealed class HelloClient(HttpClient http)
    {
        public HttpClient Http => http;

        public Task<string> SayHelloAsync(CancellationToken cancellationToken) =>
            http.GetStringAsync(new Uri("hello", UriKind.Relative), cancellationToken);
    }
}

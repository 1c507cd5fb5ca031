using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace CognitoAuth.Client.Tests.DependencyInjection;

/// <summary>
/// <c>AddCognitoBearerToken</c> puts the handler on an HttpClient the app already registers — a typed client, a Refit client
/// — with options named after that builder; and one name is registered once.
/// </summary>
public sealed class BearerTokenRegistrationTests
{
    [Fact]
    public async Task AddCognitoBearerToken_OnARefitClient_SendsTheTokenWithItsRequests()
    {
        var api = new StubApi();
        var cognito = new FakeCognito(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddRefitGeneratedClient<IHelloApi>()
            .ConfigureHttpClient(http => http.BaseAddress = ClientHarness.ApiBase)
            .ConfigurePrimaryHttpMessageHandler(() => api)
            .AddCognitoBearerToken(Section());
        services.AddSingleton<ICognitoIdentityProvider>(cognito);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var hello = await provider.GetRequiredService<IHelloApi>().GetHelloAsync();

        Assert.Equal(StubApi.Hello, hello);
        var request = Assert.Single(api.Requests);
        Assert.Equal("Bearer", request.Scheme);
        Assert.Equal((await provider.GetRequiredService<ICognitoTokenProvider>().GetTokensAsync(builder.Name)).AccessToken, request.Token);
        Assert.Equal(1, cognito.SignIns);
    }

    [Fact]
    public async Task AddCognitoBearerToken_OnATypedClient_OptionsTakeTheBuildersName()
    {
        var api = new StubApi();
        var cognito = new FakeCognito(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddHttpClient<HelloClient>(http => http.BaseAddress = new Uri(ClientHarness.ApiBase, "v2/"))
            .ConfigurePrimaryHttpMessageHandler(() => api)
            .AddCognitoBearerToken(ClientHarness.Defaults);
        services.AddSingleton<ICognitoIdentityProvider>(cognito);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        await provider.GetRequiredService<HelloClient>().Http.GetStringAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(nameof(HelloClient), builder.Name);
        Assert.Equal(new Uri(ClientHarness.ApiBase, "v2/hello"), Assert.Single(api.Requests).Uri); // the app's base address is kept
        Assert.NotNull(Assert.Single(api.Requests).Token);
        Assert.NotNull(await provider.GetRequiredService<ICognitoTokenProvider>().GetTokensAsync(nameof(HelloClient)));
    }

    [Fact]
    public void AddCognitoApiClient_SameNameTwice_ThrowsNamingIt()
    {
        var services = new ServiceCollection();
        services.AddCognitoApiClient("orders", ClientHarness.Defaults);

        var twice = Assert.Throws<InvalidOperationException>(() => services.AddCognitoApiClient("orders", ClientHarness.Defaults));

        Assert.Contains("'orders' is already registered", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCognitoBearerToken_OnAClientAlreadyRegisteredAsACognitoClient_Throws()
    {
        var services = new ServiceCollection();
        services.AddCognitoApiClient(ClientHarness.Defaults);

        Assert.Throws<InvalidOperationException>(() => services.AddHttpClient(CognitoApiClientOptions.DefaultName).AddCognitoBearerToken(ClientHarness.Defaults));
    }

    [Fact]
    public async Task AddCognitoApiClient_TwoNames_EachHasOneHandler()
    {
        using var harness = new ClientHarness(services: s => s.AddCognitoApiClient("second", ClientHarness.Defaults));
        using var http = harness.CreateHttpClient();

        await http.GetStringAsync(new Uri("hello", UriKind.Relative));

        // One handler: one header, and one sign-in shared by both names of the same user.
        Assert.Single(harness.Api.Requests);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    private static IConfiguration Section() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["CognitoAuth:UserPoolId"] = FakeCognito.PoolId,
        ["CognitoAuth:ClientId"] = FakeCognito.ClientId,
        ["CognitoAuth:Username"] = "testuser@example.com",
        ["CognitoAuth:Password"] = "TempPass123!",
        ["CognitoAuth:ApiBaseAddress"] = ClientHarness.ApiBase.ToString(),
    }).Build().GetSection("CognitoAuth");

    public interface IHelloApi
    {
        [Get("/prod/hello")]
        Task<string> GetHelloAsync();
    }

    public sealed class HelloClient(HttpClient http)
    {
        public HttpClient Http { get; } = http;
    }
}

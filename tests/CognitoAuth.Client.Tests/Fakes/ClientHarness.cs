using CognitoAuth.Client.Configuration;
using CognitoAuth.Client.Authentication;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Client.Tests.Fakes;

/// <summary>
/// The client as an application wires it (<c>AddCognitoApiClient</c>), with Cognito, the API, the clock and the logs faked.
/// </summary>
internal sealed class ClientHarness : IDisposable
{
    public static readonly Uri ApiBase = new("https://api.example.com/prod/");

    public const string NewPassword = "NewSecurePass123!";

    private readonly ServiceProvider _provider;

    /// <param name="configure">The options, after <see cref="Defaults"/>.</param>
    /// <param name="services">More services (a store, a lock, a challenge handler).</param>
    /// <param name="cognito">Another harness's Cognito: two processes of one application against one pool.</param>
    public ClientHarness(Action<CognitoApiClientOptions>? configure = null, Action<IServiceCollection>? services = null, FakeCognito? cognito = null)
    {
        Cognito = cognito ?? new FakeCognito(Time);
        Cognito.Secrets.Add("TempPass123!", "temporary password");
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        collection.AddSingleton<TimeProvider>(Time);
        Builder = collection.AddCognitoApiClient(options =>
        {
            Defaults(options);
            configure?.Invoke(options);
        });
        Builder.ConfigurePrimaryHttpMessageHandler(() => Api);
        services?.Invoke(collection);
        collection.AddSingleton<ICognitoIdentityProvider>(Cognito);
        _provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));

    public FakeCognito Cognito { get; }

    public StubApi Api { get; } = new();

    public IHttpClientBuilder Builder { get; }

    public IServiceProvider Services => _provider;

    public ICognitoTokenProvider Tokens => _provider.GetRequiredService<ICognitoTokenProvider>();

    internal CognitoTokenManager Manager => _provider.GetRequiredService<CognitoTokenManager>();

    /// <summary>The current context of <paramref name="name"/>, bound to its user's token slot.</summary>
    internal BoundClient Client(string name = CognitoApiClientOptions.DefaultName) =>
        Manager.BindAsync(_provider.GetRequiredService<CognitoClientCatalog>().Get(name), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public FakeLogCollector Logs => _provider.GetFakeLogCollector();

    /// <summary>The configuration of the seed's user against <see cref="FakeCognito"/>.</summary>
    public static void Defaults(CognitoApiClientOptions options)
    {
        options.UserPoolId = FakeCognito.PoolId;
        options.ClientId = FakeCognito.ClientId;
        options.Username = "testuser@example.com";
        options.Password = "TempPass123!";
        options.ApiBaseAddress = ApiBase;
    }

    public HttpClient CreateHttpClient(string name = CognitoApiClientOptions.DefaultName) =>
        _provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    /// <summary>Stops the services, after checking that no log holds a secret the test handed out or Cognito issued.</summary>
    public void Dispose()
    {
        try
        {
            Cognito.Secrets.Add(NewPassword, "new password");
            Cognito.Secrets.Add(Cognito.Password, "the user's password");
            Cognito.Secrets.Add(Cognito.ClientSecret, "client secret");
            Cognito.Secrets.AssertNotIn(Logs.GetSnapshot(), nameof(ClientHarness));
        }
        finally
        {
            _provider.Dispose();
        }
    }
}

using CognitoAuth.Client;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Configuration;
using CognitoAuth.Client.Http;
using CognitoAuth.Client.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>
/// The default Cognito client of <see cref="BenchCognito"/>'s user, signed in once, for the benchmarks that build their own
/// handlers around it: Cognito handlers over the in-memory terminal, and the header value they send (for handlers that only
/// set it).
/// </summary>
internal sealed class SignedInCognito : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly CognitoClientCatalog _catalog;
    private readonly CognitoTokenManager _tokens;

    private SignedInCognito(ServiceProvider services, string header)
    {
        _services = services;
        _catalog = services.GetRequiredService<CognitoClientCatalog>();
        _tokens = services.GetRequiredService<CognitoTokenManager>();
        Header = header;
    }

    /// <summary>The cached <c>Bearer …</c> value the Cognito handler sends.</summary>
    public string Header { get; }

    public static async Task<SignedInCognito> CreateAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCognitoApiClient(BenchCognito.Configure);
        services.AddSingleton<ICognitoIdentityProvider>(new BenchCognito());
        var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<CognitoClientCatalog>();
        var manager = provider.GetRequiredService<CognitoTokenManager>();
        var bound = await manager.BindAsync(catalog.Get(CognitoApiClientOptions.DefaultName), default);
        var tokens = await manager.GetAsync(bound, default);
        return new SignedInCognito(provider, tokens.HeaderFor(CognitoTokenType.Access));
    }

    /// <summary>A Cognito handler for the default client over the in-memory terminal.</summary>
    public CognitoBearerTokenHandler CreateHandler() =>
        new(_catalog.Source(CognitoApiClientOptions.DefaultName), _tokens, NullLogger<CognitoBearerTokenHandler>.Instance) { InnerHandler = new TerminalHandler() };

    public void Dispose() => _services.Dispose();
}

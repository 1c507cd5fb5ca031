using System.Diagnostics.CodeAnalysis;
using CognitoAuth.Client;
using CognitoAuth.Client.Authentication;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.DependencyInjection;
using CognitoAuth.Client.Diagnostics;
using CognitoAuth.Client.Http;
using CognitoAuth.Client.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers an <see cref="HttpClient"/> that calls an API protected by a Cognito user pool: it signs the user in, caches and
/// refreshes the tokens, and adds <c>Authorization: Bearer &lt;token&gt;</c> to requests for <see cref="CognitoApiClientOptions.ApiBaseAddress"/>.
/// Invalid options fail at start-up with a message naming the key.
/// </summary>
public static class CognitoApiClientServiceCollectionExtensions
{
    /// <summary>Registers the API client named <see cref="CognitoApiClientOptions.DefaultName"/>, configured from <paramref name="section"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The configuration section, conventionally <c>CognitoAuth</c>.</param>
    /// <returns>The builder of the API's <see cref="HttpClient"/>; <see cref="IHttpClientBuilder.Name"/> is its name.</returns>
    public static IHttpClientBuilder AddCognitoApiClient(this IServiceCollection services, IConfiguration section) =>
        services.AddCognitoApiClient(CognitoApiClientOptions.DefaultName, section);

    /// <summary>Registers the API client named <see cref="CognitoApiClientOptions.DefaultName"/>, configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the API's <see cref="HttpClient"/>; <see cref="IHttpClientBuilder.Name"/> is its name.</returns>
    public static IHttpClientBuilder AddCognitoApiClient(this IServiceCollection services, Action<CognitoApiClientOptions> configure) =>
        services.AddCognitoApiClient(CognitoApiClientOptions.DefaultName, configure);

    /// <summary>Registers an API client under <paramref name="name"/> (one per user, for an app that calls as several users).</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client name, for <see cref="IHttpClientFactory"/> and <see cref="ICognitoTokenProvider"/>.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder of the API's <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddCognitoApiClient(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        AddCore(services, name).Bind(section);
        return AddTokenHandler(services.AddHttpClient(name));
    }

    /// <summary>Registers an API client under <paramref name="name"/>, configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client name, for <see cref="IHttpClientFactory"/> and <see cref="ICognitoTokenProvider"/>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the API's <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddCognitoApiClient(this IServiceCollection services, string name, Action<CognitoApiClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services, name).Configure(configure);
        return AddTokenHandler(services.AddHttpClient(name));
    }

    /// <summary>Registers the typed client <typeparamref name="TClient"/> over an API client named after the type, configured from <paramref name="section"/>.</summary>
    /// <typeparam name="TClient">The typed client; it receives the <see cref="HttpClient"/> in its constructor.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder of the API's <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddCognitoApiClient<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(
        this IServiceCollection services, IConfiguration section)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(section);
        var name = typeof(TClient).Name;
        AddCore(services, name).Bind(section);
        return AddTokenHandler(services.AddHttpClient<TClient>(name));
    }

    /// <summary>Registers the typed client <typeparamref name="TClient"/> over an API client named after the type, configured in code.</summary>
    /// <typeparam name="TClient">The typed client; it receives the <see cref="HttpClient"/> in its constructor.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the API's <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddCognitoApiClient<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(
        this IServiceCollection services, Action<CognitoApiClientOptions> configure)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(configure);
        var name = typeof(TClient).Name;
        AddCore(services, name).Configure(configure);
        return AddTokenHandler(services.AddHttpClient<TClient>(name));
    }

    private static OptionsBuilder<CognitoApiClientOptions> AddCore(IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TokenClock>();
        services.AddMetrics();
        services.TryAddSingleton<ICognitoTokenStore, InMemoryCognitoTokenStore>();
        services.TryAddSingleton<ICognitoRenewalLock, InProcessRenewalLock>();
        services.TryAddSingleton<CognitoClientCatalog>();
        services.TryAddSingleton<CognitoClientMetrics>();
        services.TryAddSingleton<CognitoAuthenticator>();
        services.TryAddSingleton<CognitoTokenManager>();
        services.TryAddSingleton<ICognitoTokenProvider>(sp => sp.GetRequiredService<CognitoTokenManager>());
        services.TryAddSingleton<ICognitoUserCreator, CognitoUserCreator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CognitoApiClientOptions>, CognitoApiClientOptionsRules>());
        services.AddCognitoIdentityProvider();

        services.Configure<CognitoApiClientRegistry>(registry => registry.Names.Add(name));
        return services.AddOptionsWithValidateOnStart<CognitoApiClientOptions, CognitoApiClientOptionsValidator>(name);
    }

    private static IHttpClientBuilder AddTokenHandler(IHttpClientBuilder builder)
    {
        var name = builder.Name;
        builder.ConfigureHttpClient((services, client) => client.BaseAddress = services.GetRequiredService<CognitoClientCatalog>().Get(name).ApiBaseAddress);
        // The default loggers' Trace header logs carry the token in their structured state (see HeaderlessHttpClientLogger).
        builder.RemoveAllLoggers();
        builder.AddLogger(
            services => new HeaderlessHttpClientLogger(services.GetRequiredService<ILoggerFactory>().CreateLogger($"System.Net.Http.HttpClient.{name}.LogicalHandler")),
            wrapHandlersPipeline: true);
        builder.AddHttpMessageHandler(services => new CognitoBearerTokenHandler(
            name,
            services.GetRequiredService<CognitoClientCatalog>(),
            services.GetRequiredService<CognitoTokenManager>(),
            services.GetRequiredService<ILogger<CognitoBearerTokenHandler>>()));
        return builder;
    }
}

using System.Diagnostics.CodeAnalysis;
using CognitoAuth.Client;
using CognitoAuth.Client.Configuration;
using Microsoft.Extensions.Configuration;

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
    /// <exception cref="InvalidOperationException">A Cognito client of that name is already registered.</exception>
    public static IHttpClientBuilder AddCognitoApiClient(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return WithBaseAddress(services.AddHttpClient(name)).AddCognitoBearerToken(section);
    }

    /// <summary>Registers an API client under <paramref name="name"/>, configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client name, for <see cref="IHttpClientFactory"/> and <see cref="ICognitoTokenProvider"/>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the API's <see cref="HttpClient"/>.</returns>
    /// <exception cref="InvalidOperationException">A Cognito client of that name is already registered.</exception>
    public static IHttpClientBuilder AddCognitoApiClient(this IServiceCollection services, string name, Action<CognitoApiClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return WithBaseAddress(services.AddHttpClient(name)).AddCognitoBearerToken(configure);
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
        return WithBaseAddress(services.AddHttpClient<TClient>(typeof(TClient).Name)).AddCognitoBearerToken(section);
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
        return WithBaseAddress(services.AddHttpClient<TClient>(typeof(TClient).Name)).AddCognitoBearerToken(configure);
    }

    /// <summary>The client's base address is the API's, from the current options (a reload applies to clients created after it).</summary>
    private static IHttpClientBuilder WithBaseAddress(IHttpClientBuilder builder)
    {
        var name = builder.Name;
        return builder.ConfigureHttpClient((services, client) => client.BaseAddress = services.GetRequiredService<CognitoClientCatalog>().Get(name).ApiBaseAddress);
    }
}

using System.Diagnostics.CodeAnalysis;
using CognitoAuth.Client;
using CognitoAuth.Client.Authentication;
using CognitoAuth.Client.Authentication.Challenges;
using CognitoAuth.Client.Authentication.Flows;
using CognitoAuth.Client.Authentication.Interactive;
using CognitoAuth.Client.Cognito.OAuth;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Configuration;
using CognitoAuth.Client.Diagnostics;
using CognitoAuth.Client.Http;
using CognitoAuth.Client.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Puts the Cognito bearer-token handler on an <see cref="HttpClient"/> the app already registers (a typed client, Refit,
/// Kiota, …): requests to <see cref="CognitoApiClientOptions.ApiBaseAddress"/> get <c>Authorization: Bearer &lt;token&gt;</c>,
/// signed in, cached and renewed as <c>AddCognitoApiClient</c> does. The options take the builder's name.
/// </summary>
public static class CognitoBearerTokenHttpClientBuilderExtensions
{
    /// <summary>Adds the handler to <paramref name="builder"/>'s client, configured from <paramref name="section"/>.</summary>
    /// <param name="builder">The client's builder; its <see cref="IHttpClientBuilder.Name"/> names the options and the tokens.</param>
    /// <param name="section">The configuration section, conventionally <c>CognitoAuth</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">A Cognito client of that name is already registered.</exception>
    /// <remarks>
    /// The client's default request loggers are replaced by ones that never log a header (the defaults' structured state would
    /// carry the token).
    /// </remarks>
    public static IHttpClientBuilder AddCognitoBearerToken(this IHttpClientBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        AddCore(builder.Services, builder.Name).Bind(section);
        return AddHandler(builder);
    }

    /// <summary>Adds the handler to <paramref name="builder"/>'s client, configured in code.</summary>
    /// <param name="builder">The client's builder; its <see cref="IHttpClientBuilder.Name"/> names the options and the tokens.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">A Cognito client of that name is already registered.</exception>
    /// <remarks>
    /// The client's default request loggers are replaced by ones that never log a header (the defaults' structured state would
    /// carry the token).
    /// </remarks>
    public static IHttpClientBuilder AddCognitoBearerToken(this IHttpClientBuilder builder, Action<CognitoApiClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(builder.Services, builder.Name).Configure(configure);
        return AddHandler(builder);
    }

    private static OptionsBuilder<CognitoApiClientOptions> AddCore(IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);

        // A second registration would stack a second handler and merge two configurations silently.
        if (services.Any(d => d.ServiceType == typeof(RegisteredClient) && d.ImplementationInstance is RegisteredClient { } registered && registered.Name == name))
        {
            throw new InvalidOperationException(
                $"A Cognito API client named '{name}' is already registered. Register each client once, or give the other one its own name " +
                "(services.AddCognitoApiClient(\"other\", ...)).");
        }

        services.AddSingleton(new RegisteredClient(name));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ICognitoTokenStore, InMemoryCognitoTokenStore>();
        services.TryAddSingleton<ICognitoRenewalLock, InProcessRenewalLock>();
        services.TryAddSingleton<CognitoClientCatalog>();
        services.TryAddSingleton<CognitoClientMetrics>();

        // The sign-in flows and challenge responders: a new one is a class and a line here.
        services.TryAddSingleton<FlowCatalog>();
        services.TryAddSingleton<AdminAuthChannel>();
        services.TryAddSingleton<PublicAuthChannel>();
        services.TryAddSingleton<RefreshTokenRenewal>();
        services.AddSignInFlow<AdminUserPasswordFlow>();
        services.AddSignInFlow<UserPasswordFlow>();
        services.AddSignInFlow<UserSrpFlow>();
        services.AddSignInFlow<ClientCredentialsFlow>();
        services.AddSignInFlow<CustomAuthFlow>();
        services.AddSignInFlow<UserAuthFlow>();
        services.AddSignInFlow(static services => new AuthorizationCodeFlow(
            services.GetRequiredService<ICognitoOAuthClient>(),
            services.GetRequiredService<ICognitoBrowser>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<AuthorizationCodeFlow>>()));
        services.TryAddSingleton<ICognitoBrowser>(static services => new SystemBrowser(services.GetRequiredService<ILogger<SystemBrowser>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChallengeResponder, NewPasswordRequiredResponder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChallengeResponder, PasswordVerifierResponder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChallengeResponder, SoftwareTokenMfaResponder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChallengeResponder, MfaSetupResponder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChallengeResponder, SelectChallengeResponder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChallengeResponder, DeviceSrpAuthResponder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChallengeResponder, DevicePasswordVerifierResponder>());
        services.TryAddSingleton<DeviceConfirmation>();
        services.TryAddSingleton<CognitoAuthenticator>();

        services.TryAddSingleton<CognitoTokenManager>();
        services.TryAddSingleton<ICognitoTokenProvider>(sp => sp.GetRequiredService<CognitoTokenManager>());
        services.TryAddSingleton<ICognitoUserCreator, CognitoUserCreator>();
        services.TryAddSingleton<SoftwareTokenEnrolment>();
        services.TryAddSingleton<ICognitoTotpEnrolment, TotpEnrolment>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CognitoApiClientOptions>, CognitoApiClientOptionsRules>());
        services.AddCognitoIdentityProvider();

        return services.AddOptionsWithValidateOnStart<CognitoApiClientOptions, CognitoApiClientOptionsValidator>(name);
    }

    /// <summary>Registers a sign-in flow once: as the flow the authenticator drives, and as the rules the options are checked by.</summary>
    private static void AddSignInFlow<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFlow>(this IServiceCollection services, Func<IServiceProvider, TFlow>? create = null)
        where TFlow : class, ISignInFlow
    {
        services.TryAdd(create is null ? ServiceDescriptor.Singleton<TFlow, TFlow>() : ServiceDescriptor.Singleton(create));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISignInFlow, TFlow>(static services => services.GetRequiredService<TFlow>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFlowRules, TFlow>(static services => services.GetRequiredService<TFlow>()));
    }

    private static IHttpClientBuilder AddHandler(IHttpClientBuilder builder)
    {
        var name = builder.Name;

        // The default loggers' Trace header logs carry the token in their structured state (see HeaderlessHttpClientLogger).
        builder.RemoveAllLoggers();
        builder.AddLogger(
            services => new HeaderlessHttpClientLogger(services.GetRequiredService<ILoggerFactory>().CreateLogger($"System.Net.Http.HttpClient.{name}.LogicalHandler")),
            wrapHandlersPipeline: true);
        builder.AddHttpMessageHandler(services => new CognitoBearerTokenHandler(
            services.GetRequiredService<CognitoClientCatalog>().Source(name),
            services.GetRequiredService<CognitoTokenManager>(),
            services.GetRequiredService<ILogger<CognitoBearerTokenHandler>>()));
        return builder;
    }
}

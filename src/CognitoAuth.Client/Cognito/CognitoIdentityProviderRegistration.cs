using Amazon.Runtime;
using CognitoAuth.Client.Cognito.OAuth;
using CognitoAuth.Client.Cognito.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Cognito;

/// <summary>Registers the Cognito wire layer: <see cref="ICognitoIdentityProvider"/>, its HttpClient and resilience.</summary>
internal static class CognitoIdentityProviderRegistration
{
    /// <summary>Adds the wire layer once, however many API clients are registered.</summary>
    public static IServiceCollection AddCognitoIdentityProvider(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The HttpClient configuration below appends handlers; a second run would stack a second pipeline.
        if (services.Any(d => d.ServiceType == typeof(Marker)))
        {
            return services;
        }

        services.AddSingleton<Marker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CognitoResilienceOptions>();
        services.TryAddSingleton<IAwsCredentialsProvider>(sp => new AwsCredentialsProvider(() => sp.GetService<AWSCredentials>()));
        services.TryAddSingleton<ICognitoIdentityProvider, CognitoIdentityProviderClient>();
        services.TryAddSingleton<ICognitoOAuthClient, CognitoOAuthClient>();

        // Handlers run outermost first: resilience, then per-attempt signing, then body buffering.
        // HttpClient's own timeout is off: the pipeline's timeouts govern, on the injected TimeProvider.
        var client = services.AddHttpClient(CognitoIdentityProviderClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);

        // Handlers the app adds to every client (ConfigureHttpClientDefaults, e.g. AddStandardResilienceHandler in Aspire's
        // service defaults) come first; a second retry pipeline there would multiply this one's attempts (4 x 4 = 16 calls
        // per failing request). This client's pipeline is complete without them. The primary handler (a proxy) is kept.
        client.ConfigureAdditionalHttpMessageHandlers(static (handlers, _) => handlers.Clear());

        // The factory's default loggers redact header values in the message but hand the raw values (the session
        // token, the signature) to structured sinks in the log state; CognitoLog reports these calls instead.
        client.RemoveAllLoggers();
        client.AddHttpMessageHandler(static sp => new CognitoResilienceHandler(CognitoResilience.Build(
            sp.GetRequiredService<IOptions<CognitoResilienceOptions>>().Value,
            sp.GetRequiredService<TimeProvider>())));
        client
            .AddHttpMessageHandler(static sp => new SigV4SigningHandler(sp.GetRequiredService<IAwsCredentialsProvider>(), sp.GetRequiredService<TimeProvider>()))
            .AddHttpMessageHandler(static () => new ResponseBufferingHandler());
        return services;
    }

    private sealed class Marker;
}

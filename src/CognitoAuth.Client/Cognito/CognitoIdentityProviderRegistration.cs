using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Cognito;

/// <summary>Registers the Cognito wire layer: <see cref="ICognitoIdentityProvider"/>, its HttpClient and resilience.</summary>
internal static class CognitoIdentityProviderRegistration
{
    /// <summary>Adds the wire layer once, however many API clients are registered.</summary>
    public static IServiceCollection AddCognitoIdentityProvider(this IServiceCollection services)
    {
        // Placeholder: the wire layer fills this in (HttpClient "CognitoAuth.Cognito" + resilience + SigV4 credentials).
        return services;
    }
}

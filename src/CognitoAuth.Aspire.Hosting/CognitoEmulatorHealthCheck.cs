using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CognitoAuth.Aspire.Hosting;

/// <summary>
/// Healthy while the emulator answers on both ports: the reference pool's JWKS (what every API that checks its tokens
/// fetches) on the Cognito endpoint, and the HTTP API (an unauthenticated <c>GET /hello</c> is its authorizer's 401).
/// </summary>
internal sealed class CognitoEmulatorHealthCheck(CognitoEmulatorResource resource, IHttpClientFactory httpClientFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (resource.Emulator is not { } emulator)
        {
            return HealthCheckResult.Unhealthy("The emulator is not running.");
        }

        using var http = httpClientFactory.CreateClient(nameof(CognitoEmulatorHealthCheck));
        using var jwks = await http.GetAsync(new Uri(emulator.CognitoEndpoint, $"{emulator.UserPoolId}/.well-known/jwks.json"), cancellationToken).ConfigureAwait(false);
        if (!jwks.IsSuccessStatusCode)
        {
            return HealthCheckResult.Unhealthy($"The Cognito endpoint answered {(int)jwks.StatusCode} for the pool's JWKS.");
        }

        using var api = await http.GetAsync(new Uri(emulator.ApiUrl, "hello"), cancellationToken).ConfigureAwait(false);
        return api.StatusCode == System.Net.HttpStatusCode.Unauthorized
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The HTTP API answered {(int)api.StatusCode} to a request without a token, not 401.");
    }
}

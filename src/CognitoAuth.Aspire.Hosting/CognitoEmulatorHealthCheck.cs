using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CognitoAuth.Aspire.Hosting;

/// <summary>
/// Healthy while the emulator answers on both ports: the pool's JWKS (what every API that checks its tokens fetches) on
/// the Cognito endpoint, and the HTTP API.
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
        // A template without a user pool has no JWKS: then the emulator's own page stands for the Cognito endpoint.
        string? poolId;
        try
        {
            poolId = emulator.UserPoolId;
        }
        catch (InvalidOperationException)
        {
            poolId = null;
        }

        using var jwks = await http.GetAsync(
            string.IsNullOrEmpty(poolId) ? emulator.LocalPageUrl : new Uri(emulator.CognitoEndpoint, $"{poolId}/.well-known/jwks.json"), cancellationToken).ConfigureAwait(false);
        if (!jwks.IsSuccessStatusCode)
        {
            return HealthCheckResult.Unhealthy($"The Cognito endpoint answered {(int)jwks.StatusCode} for the pool's JWKS.");
        }

        // Any answer but 503 (the emulator's answer until its endpoints are wired) means the API's port serves; the reference
        // API answers 401 here, a template's may have no such route (404).
        using var api = await http.GetAsync(new Uri(emulator.ApiUrl, "hello"), cancellationToken).ConfigureAwait(false);
        return api.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The HTTP API is not serving yet (503).");
    }
}

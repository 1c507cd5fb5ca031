namespace CognitoAuth.Client;

/// <summary>
/// Names to subscribe to this client's telemetry, e.g. <c>.AddSource(CognitoAuthDiagnostics.ActivitySourceName)</c> and
/// <c>.AddMeter(CognitoAuthDiagnostics.MeterName)</c> with OpenTelemetry. Telemetry never carries a user name or a secret.
/// </summary>
public static class CognitoAuthDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: activities for sign-in, refresh and sign-out.</summary>
    public const string ActivitySourceName = "CognitoAuth.Client";

    /// <summary>
    /// The <see cref="System.Diagnostics.Metrics.Meter"/> name. Counters: <c>cognitoauth.client.sign_ins</c>,
    /// <c>cognitoauth.client.refreshes</c>, <c>cognitoauth.client.failures</c>, <c>cognitoauth.client.token_cache.hits</c>,
    /// <c>cognitoauth.client.token_cache.misses</c>; tags <c>flow</c> and <c>outcome</c>.
    /// </summary>
    public const string MeterName = "CognitoAuth.Client";
}

namespace CognitoAuth.Client.Cognito;

/// <summary>
/// Bounds of the resilience pipeline around Cognito calls. The whole budget stays far inside SigV4's five-minute
/// validity window (and each attempt is re-signed anyway).
/// </summary>
internal sealed class CognitoResilienceOptions
{
    /// <summary>How many times a transient failure is retried.</summary>
    /// <value>The default value is 3 (so at most four attempts).</value>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff; later ones double, with jitter.</summary>
    /// <value>The default value is 500 milliseconds.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one attempt (request and response body) may take.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a call may take across all its attempts and backoffs.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

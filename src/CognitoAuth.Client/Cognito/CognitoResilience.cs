using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CognitoAuth.Client.Cognito;

/// <summary>
/// The resilience pipeline of the Cognito HttpClient: a total timeout around bounded retries (exponential backoff with
/// jitter) around an attempt timeout. Retries only what <see cref="CognitoErrors.IsRetryable"/> calls transient —
/// throttling codes carried in HTTP 400 bodies, 429/5xx, connection failures and attempt timeouts — and never
/// <c>NotAuthorizedException</c> and the other caller errors. The caller's cancellation stops it at once.
/// </summary>
internal static class CognitoResilience
{
    /// <summary>Builds the pipeline, outermost strategy first.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Build(CognitoResilienceOptions options, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context.CancellationToken),
                OnRetry = static args =>
                {
                    // The failed attempt's response is not returned to anyone: release its connection.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();

    /// <summary>Whether an attempt's outcome is worth another attempt.</summary>
    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or TimeoutRejectedException;
        }

        if (outcome.Result is not { IsSuccessStatusCode: false } response)
        {
            return false;
        }

        // Throttling arrives as HTTP 400 with the reason in __type, so the body decides. It is already buffered
        // (ResponseBufferingHandler), so reading it here leaves it readable for the client.
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return CognitoErrors.IsRetryable(response.StatusCode, CognitoErrors.ReadErrorCode(response, body));
    }
}

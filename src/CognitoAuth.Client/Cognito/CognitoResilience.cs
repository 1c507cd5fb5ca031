using Microsoft.Extensions.Http.Resilience;
using Polly;
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
    /// <summary>Adds the strategies, outermost first.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, CognitoResilienceOptions options, TimeProvider timeProvider)
    {
        builder.TimeProvider = timeProvider;
        builder
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context.CancellationToken),
            })
            .AddTimeout(options.AttemptTimeout);
    }

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

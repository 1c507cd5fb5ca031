using Polly;

namespace CognitoAuth.Client.Cognito;

/// <summary>
/// Runs each Cognito request through the <see cref="CognitoResilience"/> pipeline (Polly). The handlers inside it — SigV4,
/// body buffering — run once per attempt.
/// </summary>
/// <remarks>
/// Polly.Core directly, rather than Microsoft.Extensions.Http.Resilience's handler: its lowest net8.0 version needs
/// Microsoft.Extensions.Http 8.0.1, which would refuse to restore in an app that references 8.0.0 (NU1605).
/// </remarks>
internal sealed class CognitoResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static async (attempt, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Handler.SendAttemptAsync(state.Request, attempt.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception exception)
                    {
                        return Outcome.FromException<HttpResponseMessage>(exception);
                    }
                },
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // The client never sends synchronously; a synchronous send would block on the pipeline's waits.
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The Cognito client sends asynchronously only.");

    private Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}

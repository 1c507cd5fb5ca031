using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace CognitoAuth.Client.Cognito;

/// <summary>
/// One call over the back-channel HttpClient (<see cref="CognitoApiClientOptions.BackChannelName"/>), for the JSON 1.1 API
/// and the OAuth endpoints alike: no response → <c>TransportError</c>; a failed answer → the caller's error reading; a
/// success → the caller's reading of the body. Every outcome is logged with the operation, status, request id and time,
/// never a body.
/// </summary>
internal static class BackChannel
{
    public static async Task<T> SendAsync<T>(
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        ILogger logger,
        HttpRequestMessage message,
        string operation,
        Func<HttpResponseMessage, byte[], CognitoException> errorOf,
        Func<HttpResponseMessage, byte[], T> read,
        CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        double Elapsed() => timeProvider.GetElapsedTime(started).TotalMilliseconds;
        CognitoException Failed(CognitoException failure)
        {
            CognitoLog.CallFailed(logger, operation, (int?)failure.StatusCode, failure.ErrorCode, Elapsed(), failure.RequestId, failure.IsRetryable);
            return failure;
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(CognitoApiClientOptions.BackChannelName).SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            CognitoLog.TransportFailed(logger, operation, Elapsed(), ex);
            throw CognitoErrors.TransportFailure(operation, ex);
        }
        catch (CognitoException ex)
        {
            // Raised before anything was sent, e.g. no AWS credentials to sign with.
            throw Failed(ex);
        }

        using (response)
        {
            // The pipeline hands back the last response when the caller cancels between attempts; the caller asked to stop.
            cancellationToken.ThrowIfCancellationRequested();

            // Already buffered by ResponseBufferingHandler inside the attempt.
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Failed(errorOf(response, body));
            }

            T result;
            try
            {
                result = read(response, body);
            }
            catch (CognitoException malformed)
            {
                throw Failed(malformed);
            }

            CognitoLog.CallSucceeded(logger, operation, (int)response.StatusCode, Elapsed(), CognitoErrors.RequestId(response));
            return result;
        }
    }

    /// <summary>Reads the body as <typeparamref name="T"/>; a body that is not one is a <c>MalformedResponse</c>.</summary>
    public static T Json<T>(HttpResponseMessage response, byte[] body, string operation, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw CognitoErrors.MalformedResponse(response, operation, innerException: null);
        }
        catch (JsonException ex)
        {
            throw CognitoErrors.MalformedResponse(response, operation, ex);
        }
    }
}

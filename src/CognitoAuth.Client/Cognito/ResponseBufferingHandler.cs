namespace CognitoAuth.Client.Cognito;

/// <summary>
/// Reads each response body to the end inside the attempt, so the attempt timeout covers the body too and a connection
/// that drops mid-body surfaces as an <see cref="HttpRequestException"/> the retry strategy handles, not later in the client.
/// Cognito's bodies are small JSON documents; buffering them costs nothing.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            // ReadAsByteArrayAsync buffers the content (LoadIntoBufferAsync has no token overload on net8.0).
            _ = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}

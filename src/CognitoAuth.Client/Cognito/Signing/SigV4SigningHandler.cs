namespace CognitoAuth.Client.Cognito.Signing;

/// <summary>
/// Signs the requests that carry a <see cref="SigningRegion"/> option (the <c>Admin*</c> operations) with SigV4 and
/// passes every other request through untouched, without ever resolving credentials for it.
/// </summary>
/// <remarks>
/// Signing lives in a handler <em>inside</em> the resilience handler rather than in the client, so each attempt is
/// signed afresh: a retry after a long backoff still carries a current <c>X-Amz-Date</c> (SigV4 rejects dates more
/// than five minutes off) and picks up rotated credentials. The handler holds no per-request or per-user state.
/// </remarks>
internal sealed class SigV4SigningHandler(IAwsCredentialsProvider credentialsProvider, TimeProvider timeProvider) : DelegatingHandler
{
    /// <summary>The SigV4 region to sign for; its presence is what marks a request as one to sign.</summary>
    public static readonly HttpRequestOptionsKey<string> SigningRegion = new("CognitoAuth.SigV4.Region");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(SigningRegion, out var region))
        {
            var credentials = await credentialsProvider.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            SigV4Signer.Sign(request, body, credentials, region, SigV4Signer.CognitoService, timeProvider.GetUtcNow());
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    // A synchronous send would have to block on credential resolution; the client never sends synchronously.
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The Cognito client sends asynchronously only.");
}

using System.Net;
using CognitoAuth.Client.Configuration;
using CognitoAuth.Client.Diagnostics;
using CognitoAuth.Client.Tokens;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Http;

/// <summary>
/// Adds <c>Authorization: Bearer &lt;token&gt;</c> to requests for the API's origin, and on a 401 renews the token once and
/// retries once. Holds no per-user state — only its client name's context source and the binding of the current context,
/// the same for every handler of the name — because <see cref="IHttpClientFactory"/> pools and shares handlers
/// (cf. Duende CVE-2024-51987): the tokens are looked up for every request.
/// </summary>
internal sealed class CognitoBearerTokenHandler(
    CognitoClientSource source,
    CognitoTokenManager tokens,
    ILogger<CognitoBearerTokenHandler> logger) : DelegatingHandler
{
    private const string AuthorizationHeader = "Authorization";

    // The current context bound to its user's token slot; bound again when the options change.
    private BoundClient? _bound;

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The Cognito API client signs in asynchronously: use SendAsync (GetAsync, PostAsync, ...), not Send.");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new InvalidOperationException("The request needs an absolute URI (or the client's BaseAddress).");
        if (uri.Scheme == Uri.UriSchemeHttp && !Loopback.Is(uri))
        {
            throw new InvalidOperationException(
                $"Refusing to send a plain-http request to '{uri.Host}': only loopback addresses may use http. Use https.");
        }

        var context = source.Current;
        if (!context.IsApiOrigin(uri))
        {
            Log.TokenWithheldFromOtherOrigin(logger, context.Name, uri.Scheme, uri.Host, uri.Port);
            return base.SendAsync(request, cancellationToken);
        }

        var bound = _bound;
        if (bound is null || !ReferenceEquals(bound.Context, context))
        {
            return SendBindingAsync(request, context, cancellationToken);
        }

        // The common case — a cached token, and an inner handler that answers at once — returns the inner handler's own task:
        // an async method would allocate a Task for the response on every request (the benchmark keeps this path at 0 B).
        var pending = tokens.GetAsync(bound, cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            return SendWhenSignedInAsync(request, bound, pending, cancellationToken);
        }

        var current = pending.Result;
        Authorize(request, current.HeaderFor(context.Options.TokenType));
        var sending = base.SendAsync(request, cancellationToken);
        return sending.IsCompletedSuccessfully && sending.Result.StatusCode != HttpStatusCode.Unauthorized
            ? sending
            : RetryIfUnauthorizedAsync(request, bound, current, sending, cancellationToken);
    }

    /// <summary>Sets the header, replacing any the caller set. The value was built once per token set and is added as is, unparsed.</summary>
    private static void Authorize(HttpRequestMessage request, string value)
    {
        var headers = request.Headers;
        if (headers.NonValidated.Count > 0)
        {
            headers.Authorization = null;
        }

        headers.TryAddWithoutValidation(AuthorizationHeader, value);
    }

    private async Task<HttpResponseMessage> SendBindingAsync(HttpRequestMessage request, CognitoClientContext context, CancellationToken cancellationToken)
    {
        var bound = await tokens.BindAsync(context, cancellationToken).ConfigureAwait(false);
        _bound = bound;
        return await SendWhenSignedInAsync(request, bound, tokens.GetAsync(bound, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendWhenSignedInAsync(
        HttpRequestMessage request, BoundClient bound, ValueTask<CachedTokens> pending, CancellationToken cancellationToken)
    {
        var current = await pending.ConfigureAwait(false);
        Authorize(request, current.HeaderFor(bound.Context.Options.TokenType));
        return await RetryIfUnauthorizedAsync(request, bound, current, base.SendAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> RetryIfUnauthorizedAsync(
        HttpRequestMessage request, BoundClient bound, CachedTokens sent, Task<HttpResponseMessage> sending, CancellationToken cancellationToken)
    {
        var response = await sending.ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var context = bound.Context;

        // The primary handler follows redirects and leaves the request pointing at the last target (dropping the header
        // on the way). A 401 from another origin is not the API's verdict on the token, and a retry would send it there.
        var answered = request.RequestUri;
        if (answered is null || !context.IsApiOrigin(answered))
        {
            Log.UnauthorizedFromOtherOrigin(logger, context.Name, answered?.Scheme, answered?.Host, answered?.Port);
            return response;
        }

        if (!ResendableContent.Is(request.Content))
        {
            Log.UnauthorizedNotRetried(logger, context.Name);
            return response;
        }

        // The token was revoked or rejected early (e.g. a clock skew): renew once, retry once, and return whatever comes back.
        Log.RetryingAfterUnauthorized(logger, context.Name);
        response.Dispose();
        var renewed = await tokens.RenewAsync(bound, sent.TokenFor(context.Options.TokenType), cancellationToken).ConfigureAwait(false);
        Authorize(request, renewed.HeaderFor(context.Options.TokenType));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

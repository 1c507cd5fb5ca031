using System.Net;
using CognitoAuth.Client.Authentication;
using CognitoAuth.Client.Diagnostics;
using CognitoAuth.Client.Tokens;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Http;

/// <summary>
/// Adds <c>Authorization: Bearer &lt;token&gt;</c> to requests for the API's origin, and on a 401 renews the token once and
/// retries once. Holds no per-user state — only its client name and that name's context, the same for every handler of the
/// name — because <see cref="IHttpClientFactory"/> pools and shares handlers (cf. Duende CVE-2024-51987): the tokens are
/// looked up for every request.
/// </summary>
internal sealed class CognitoBearerTokenHandler(
    string clientName,
    CognitoClientCatalog catalog,
    CognitoTokenManager tokens,
    ILogger<CognitoBearerTokenHandler> logger) : DelegatingHandler
{
    private const string AuthorizationHeader = "Authorization";

    // The catalog builds one context per name and keeps it: resolving it once saves a dictionary lookup per request.
    private CognitoClientContext? _client;

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

        var client = _client ??= catalog.Get(clientName);
        if (!client.IsApiOrigin(uri))
        {
            Log.TokenWithheldFromOtherOrigin(logger, client.Name, uri.Scheme, uri.Host, uri.Port);
            return base.SendAsync(request, cancellationToken);
        }

        // The common case — a cached token, and an inner handler that answers at once — runs without an async state machine.
        // A request that could not be sent again after a 401 gets tokens checked against the wall clock (see GetForRequestAsync).
        var pending = CanResend(request.Content) ? tokens.GetForRequestAsync(client, cancellationToken) : tokens.GetAsync(client, cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            return SendWhenSignedInAsync(request, client, pending, cancellationToken);
        }

        var current = pending.Result;
        Authorize(request, current.HeaderFor(client.Options.TokenType));
        var sending = base.SendAsync(request, cancellationToken);
        return sending.IsCompletedSuccessfully && sending.Result.StatusCode != HttpStatusCode.Unauthorized
            ? sending
            : RetryIfUnauthorizedAsync(request, client, current, sending, cancellationToken);
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

    private async Task<HttpResponseMessage> SendWhenSignedInAsync(
        HttpRequestMessage request, CognitoClientContext client, ValueTask<CachedTokens> pending, CancellationToken cancellationToken)
    {
        var current = await pending.ConfigureAwait(false);
        Authorize(request, current.HeaderFor(client.Options.TokenType));
        return await RetryIfUnauthorizedAsync(request, client, current, base.SendAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> RetryIfUnauthorizedAsync(
        HttpRequestMessage request, CognitoClientContext client, CachedTokens sent, Task<HttpResponseMessage> sending, CancellationToken cancellationToken)
    {
        var response = await sending.ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // The primary handler follows redirects and leaves the request pointing at the last target (dropping the header
        // on the way). A 401 from another origin is not the API's verdict on the token, and a retry would send it there.
        var answered = request.RequestUri;
        if (answered is null || !client.IsApiOrigin(answered))
        {
            Log.UnauthorizedFromOtherOrigin(logger, client.Name, answered?.Scheme, answered?.Host, answered?.Port);
            return response;
        }

        if (!CanResend(request.Content))
        {
            Log.UnauthorizedNotRetried(logger, client.Name);
            return response;
        }

        // The token was revoked or rejected early (e.g. a clock skew): renew once, retry once, and return whatever comes back.
        Log.RetryingAfterUnauthorized(logger, client.Name);
        response.Dispose();
        var renewed = await tokens.RenewAsync(client, sent.TokenFor(client.Options.TokenType), cancellationToken).ConfigureAwait(false);
        Authorize(request, renewed.HeaderFor(client.Options.TokenType));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Content that is buffered in memory can be sent twice; a stream may already be consumed.</summary>
    private static bool CanResend(HttpContent? content) => content is null or ByteArrayContent or ReadOnlyMemoryContent;
}

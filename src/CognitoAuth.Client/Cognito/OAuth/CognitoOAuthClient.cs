using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Cognito.OAuth;

/// <summary>
/// <see cref="ICognitoOAuthClient"/> over the back-channel HttpClient (<see cref="CognitoApiClientOptions.BackChannelName"/>):
/// 429, 5xx, dropped connections and timeouts are retried by its pipeline; OAuth errors (400 and 401) are not.
/// A pool's OpenID configuration is kept once it names a token endpoint: it never changes while the pool's domain exists.
/// </summary>
internal sealed class CognitoOAuthClient(
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    ILogger<CognitoOAuthClient> logger) : ICognitoOAuthClient
{
    private const string TokenOperation = "oauth2/token";
    private const string RevokeOperation = "oauth2/revoke";
    private const string DiscoveryOperation = "openid-configuration";

    private readonly ConcurrentDictionary<Uri, OpenIdConfiguration> _configurations = new();

    public async Task<OAuthTokenResponse> RequestTokenAsync(Uri tokenEndpoint, OAuthTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenEndpoint);
        ArgumentNullException.ThrowIfNull(request);
        using var message = FormPost(tokenEndpoint, request);
        var response = await SendAsync(message, TokenOperation, OAuthJsonContext.Default.OAuthTokenResponse, cancellationToken).ConfigureAwait(false);
        return response.AccessToken is { Length: > 0 }
            ? response
            : throw new CognitoException(CognitoErrorCodes.MalformedResponse, "The token endpoint answered without an access_token.", null, null, isRetryable: false);
    }

    public async Task RevokeAsync(Uri revocationEndpoint, OAuthTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revocationEndpoint);
        ArgumentNullException.ThrowIfNull(request);
        using var message = FormPost(revocationEndpoint, request);
        await SendAsync(message, RevokeOperation, static (_, _) => true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OpenIdConfiguration> DiscoverAsync(Uri configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (_configurations.TryGetValue(configuration, out var known))
        {
            return known;
        }

        using var message = new HttpRequestMessage(HttpMethod.Get, configuration);
        var document = await SendAsync(message, DiscoveryOperation, OAuthJsonContext.Default.OpenIdConfiguration, cancellationToken).ConfigureAwait(false);
        if (Uri.TryCreate(document.TokenEndpoint, UriKind.Absolute, out _))
        {
            // Without a token endpoint the pool has no domain yet: ask again next time, it may have one by then.
            _configurations[configuration] = document;
        }

        return document;
    }

    private static HttpRequestMessage FormPost(Uri endpoint, OAuthTokenRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(request.Form()) };
        if (request.BasicCredentials() is { } basic)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        return message;
    }

    private Task<T> SendAsync<T>(HttpRequestMessage message, string operation, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class =>
        SendAsync(message, operation, (response, body) => BackChannel.Json(response, body, operation, type), cancellationToken);

    private Task<T> SendAsync<T>(HttpRequestMessage message, string operation, Func<HttpResponseMessage, byte[], T> read, CancellationToken cancellationToken) =>
        BackChannel.SendAsync(httpClientFactory, timeProvider, logger, message, operation, ErrorOf, read, cancellationToken);

    /// <summary>The OAuth error of a failed answer (RFC 6749 §5.2), its code kept as the error code; a body without one is malformed.</summary>
    private static CognitoException ErrorOf(HttpResponseMessage response, byte[] body)
    {
        OAuthErrorResponse? error = null;
        try
        {
            error = body.Length == 0 ? null : JsonSerializer.Deserialize(body, OAuthJsonContext.Default.OAuthErrorResponse);
        }
        catch (JsonException)
        {
            // An HTML page from a proxy: the status alone decides.
        }

        var status = response.StatusCode;
        var code = OAuthErrorResponse.CodeOf(error?.Error);
        return new CognitoException(
            code ?? CognitoErrorCodes.MalformedResponse,
            code is null
                ? $"The OAuth endpoint answered HTTP {(int)status} without a readable OAuth error."
                : error!.ErrorDescription is { Length: > 0 } description ? description : $"The OAuth endpoint answered {code}.",
            status,
            CognitoErrors.RequestId(response),
            CognitoErrors.IsRetryable(status, errorCode: null));
    }
}

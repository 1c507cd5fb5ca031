using System.Security.Cryptography;
using CognitoAuth.Client.Authentication.Interactive;
using CognitoAuth.Client.Cognito.OAuth;
using CognitoAuth.Client.Configuration;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Authentication.Flows;

/// <summary>
/// <see cref="CognitoAuthFlow.AuthorizationCode"/>: a person signs in at the pool's managed login in the system browser.
/// The OAuth 2.0 authorization code grant (RFC 6749 §4.1) with PKCE S256 (RFC 7636), <c>state</c> and <c>nonce</c>, the
/// code brought back to a loopback listener (RFC 8252 §7.3) and exchanged at the token endpoint, which also renews the
/// tokens (<c>refresh_token</c> grant, keeping a rotated refresh token). Signing out revokes the refresh token at the
/// pool domain (RFC 7009) and sends the browser to Cognito's <c>/logout</c>, which ends the managed-login session kept in
/// the browser's cookie.
/// </summary>
/// <remarks>
/// Written here rather than with Duende.IdentityModel.OidcClient (7.1.1, the one version served): that library publishes
/// trim- and AOT-clean, but on net8.0 and net10.0 alike it depends on Microsoft.Extensions.Logging.Abstractions 10.0.13,
/// above this package's floors (8.0.0 on net8.0, 10.0.0 on net10.0), so every app on an earlier patch would be moved up. It
/// also runs the whole sign-in itself — its own browser abstraction, discovery policy (Cognito's endpoints are on another
/// host than its issuer) and HTTP client — where this package's seam wants a flow over the shared back-channel, with its
/// retries and typed errors. What is left to write is small: the PKCE pair, the authorize URL, the code exchange.
/// </remarks>
internal sealed class AuthorizationCodeFlow(
    ICognitoOAuthClient oauth,
    ICognitoBrowser browser,
    TimeProvider timeProvider,
    ILogger<AuthorizationCodeFlow> logger,
    RandomFill? random = null) : ISignInFlow
{
    /// <summary>How long a sign-in waits for the browser to come back: time for a person to type a password and a TOTP code.</summary>
    public static readonly TimeSpan SignInTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How long a sign-out waits for the browser to come back from <c>/logout</c>: it redirects at once, only the page waits on it.</summary>
    public static readonly TimeSpan SignOutTimeout = TimeSpan.FromMinutes(1);

    private readonly RandomFill _random = random ?? RandomNumberGenerator.Fill;

    /// <summary>What a browser sign-in asks for without <see cref="CognitoApiClientOptions.Scopes"/>: an ID token with the profile, and an access token for Cognito's user API.</summary>
    public const string InteractiveScopes = "openid email profile aws.cognito.signin.user.admin";

    private static readonly IReadOnlySet<string> OwnKeys = OptionKeys.Of(
        [OptionKeys.Scopes, OptionKeys.TokenEndpoint, OptionKeys.AuthorizationEndpoint, OptionKeys.RedirectUri, OptionKeys.LogoutUri]);

    public CognitoAuthFlow AuthFlow => CognitoAuthFlow.AuthorizationCode;

    public string Name => "authorization_code";

    public IReadOnlySet<string> Keys => OwnKeys;

    public string DefaultScopes => InteractiveScopes;

    /// <summary>
    /// Where the pool's endpoints are, a redirect URI this machine can listen on; no user or password (the person signs in
    /// in the browser, so <see cref="Keys"/> has none of them).
    /// </summary>
    public void Validate(CognitoApiClientOptions options, ValidateOptionsResultBuilder errors)
    {
        if (string.IsNullOrEmpty(options.UserPoolId) && (options.AuthorizationEndpoint is null || options.TokenEndpoint is null))
        {
            errors.AddError(
                "The AuthorizationCode flow needs the pool domain's endpoints: set UserPoolId to find them in the pool's OpenID configuration, " +
                "or both AuthorizationEndpoint (https://{domain}/oauth2/authorize) and TokenEndpoint (https://{domain}/oauth2/token).",
                nameof(options.UserPoolId));
        }

        if (options.RedirectUri is { } redirect && FlowRules.RedirectProblemWith(redirect) is { } redirectProblem)
        {
            errors.AddError($"'{redirect}' {redirectProblem}.", nameof(options.RedirectUri));
        }

        if (options.LogoutUri is { } logout
            && (FlowRules.ProblemWith(logout) ?? (logout.IsAbsoluteUri && logout.Fragment.Length > 0 ? "has a fragment, which a sign-out URL cannot have" : null)) is { } logoutProblem)
        {
            errors.AddError($"'{logout}' {logoutProblem}.", nameof(options.LogoutUri));
        }

        var scopes = (options.Scopes ?? InteractiveScopes).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (options.Scopes is not null && scopes.Length == 0)
        {
            errors.AddError($"The AuthorizationCode flow asks for scopes: remove Scopes for the default ({InteractiveScopes}), or name some.", nameof(options.Scopes));
        }
        else if (options.TokenType == CognitoTokenType.Id && !scopes.Contains("openid", StringComparer.Ordinal))
        {
            errors.AddError("TokenType is Id, but Scopes lacks openid: without it the token endpoint issues no ID token.", nameof(options.TokenType));
        }
    }

    /// <summary>The person is chosen in the browser: one signed-in person per app client and set of scopes.</summary>
    public string StoreKey(CognitoClientContext client) =>
        string.Join('|', (client.Options.AuthorizationEndpoint ?? client.Endpoint.ServiceUrl).AbsoluteUri, client.Options.UserPoolId, client.ClientId, "browser", "scope=" + client.Scopes);

    public async Task<SignInStep> StartAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var client = attempt.Client;
        var domain = await PoolDomain.ResolveAsync(client, oauth, cancellationToken).ConfigureAwait(false);
        var request = AuthorizationRequest.Create(client.RedirectUri, _random);
        var callback = await ReceiveCodeAsync(client, domain, request, cancellationToken).ConfigureAwait(false);

        var exchange = new OAuthTokenRequest("authorization_code", client.ClientId, client.Options.ClientSecret, client.Options.TokenEndpointAuthMethod)
            .With("code", callback)
            .With("redirect_uri", request.RedirectUri)
            .With("code_verifier", request.Pkce.Verifier);
        var sentAt = timeProvider.GetUtcNow();
        var response = await oauth.RequestTokenAsync(domain.TokenEndpoint, exchange, cancellationToken).ConfigureAwait(false);
        CheckIdToken(client, domain, request, response.IdToken);
        return SignInStep.Signed(OAuthTokenResults.ToTokenSet(response, sentAt));
    }

    public async Task<CognitoTokenSet> RefreshAsync(SignInAttempt attempt, CognitoTokenSet current, CancellationToken cancellationToken)
    {
        var client = attempt.Client;
        var domain = await PoolDomain.ResolveAsync(client, oauth, cancellationToken).ConfigureAwait(false);
        var request = new OAuthTokenRequest("refresh_token", client.ClientId, client.Options.ClientSecret, client.Options.TokenEndpointAuthMethod)
            .With("refresh_token", current.RefreshToken!);
        var sentAt = timeProvider.GetUtcNow();
        var response = await oauth.RequestTokenAsync(domain.TokenEndpoint, request, cancellationToken).ConfigureAwait(false);

        // A new refresh token replaces the old one (rotation); without one the old one stays good.
        return AuthenticationResults.Keeping(OAuthTokenResults.ToTokenSet(response, sentAt), current);
    }

    public async Task<bool> SignOutAsync(CognitoClientContext client, CognitoTokenSet? tokens, CancellationToken cancellationToken)
    {
        if (tokens is null)
        {
            // Nobody signed in through this client: no browser window for nothing.
            return true;
        }

        var domain = await PoolDomain.ResolveAsync(client, oauth, cancellationToken).ConfigureAwait(false);
        try
        {
            if (tokens.RefreshToken is { } refreshToken)
            {
                await oauth.RevokeAsync(
                    domain.RevocationEndpoint,
                    OAuthTokenRequest.Revocation(refreshToken, client.ClientId, client.Options.ClientSecret, client.Options.TokenEndpointAuthMethod),
                    cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Even when the revocation failed: the browser's session must end, or the next sign-in is the same person's.
            await EndBrowserSessionAsync(client, domain, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Opens the authorize URL and waits for the browser to bring back this sign-in's code.</summary>
    private async Task<string> ReceiveCodeAsync(CognitoClientContext client, PoolDomain domain, AuthorizationRequest request, CancellationToken cancellationToken)
    {
        await using var listener = LoopbackListener.Start(client.RedirectUri, answer => Judge(client, request, answer), client.Name, logger);
        using var timeout = new CancellationTokenSource(SignInTimeout, timeProvider);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        LoopbackRequest callback;
        try
        {
            Log.OpeningBrowser(logger, client.Name, domain.AuthorizationEndpoint.GetLeftPart(UriPartial.Path), client.RedirectUri.GetLeftPart(UriPartial.Path));
            await browser.OpenAsync(request.Url(domain.AuthorizationEndpoint, client.ClientId, client.Scopes), waiting.Token).ConfigureAwait(false);
            callback = await listener.WaitAsync(waiting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CognitoAuthenticationException(
                $"No sign-in came back from the browser to {client.RedirectUri.GetLeftPart(UriPartial.Path)} within {SignInTimeout.TotalMinutes:0} minutes: " +
                "sign in again, and finish in the browser that opens.");
        }

        if (callback["error"] is { } error)
        {
            throw Refused(error, callback["error_description"]);
        }

        return callback["code"]!;
    }

    /// <summary>Which callbacks end the wait: this sign-in's <c>state</c> with a code or an error. Others are refused, and the wait goes on.</summary>
    private LoopbackAnswer Judge(CognitoClientContext client, AuthorizationRequest request, LoopbackRequest callback)
    {
        if (!request.IsOwnState(callback["state"]))
        {
            // A stale tab, or a page that forged a redirect: RFC 6749 §10.12. Its code is never exchanged.
            Log.LoopbackRequestRefused(logger, client.Name, "a state that is not this sign-in's");
            return LoopbackAnswer.Refuse(
                "Not this sign-in",
                "This answer does not belong to the sign-in the application is waiting for (an old tab?). Return to the application and sign in again if it asks.");
        }

        if (callback["error"] is { } error)
        {
            return LoopbackAnswer.Accept("Sign-in refused", $"The sign-in did not complete ({OAuthErrorResponse.CodeOf(error) ?? "an error"}). Return to the application.");
        }

        return callback["code"] is { Length: > 0 }
            ? LoopbackAnswer.Accept("Signed in", "You are signed in. Close this window and return to the application.")
            : LoopbackAnswer.Refuse("No code", "This answer carries neither a code nor an error.");
    }

    /// <summary>OIDC Core §3.1.3.7: the ID token, straight from the token endpoint over TLS, is for this client and this sign-in.</summary>
    private static void CheckIdToken(CognitoClientContext client, PoolDomain domain, AuthorizationRequest request, string? idToken)
    {
        if (idToken is null)
        {
            if (client.Scopes.Split(' ').Contains("openid", StringComparer.Ordinal))
            {
                throw new CognitoAuthenticationException("The token endpoint answered the openid scope without an ID token.");
            }

            return;
        }

        if (!string.Equals(JwtClaims.ReadString(idToken, "nonce"), request.Nonce, StringComparison.Ordinal))
        {
            throw new CognitoAuthenticationException("The ID token's nonce is not this sign-in's: the tokens are refused (a replayed or substituted answer).");
        }

        if (!JwtClaims.HasAudience(idToken, client.ClientId))
        {
            throw new CognitoAuthenticationException($"The ID token is not for app client '{client.ClientId}' (its aud claim): the tokens are refused.");
        }

        if (domain.Issuer is { } issuer && !string.Equals(JwtClaims.ReadString(idToken, "iss"), issuer, StringComparison.Ordinal))
        {
            throw new CognitoAuthenticationException($"The ID token's issuer is not '{issuer}', the pool's: the tokens are refused.");
        }
    }

    /// <summary>Sends the browser to Cognito's <c>/logout</c>, and shows it a page at the logout URI when that is this machine.</summary>
    private async Task EndBrowserSessionAsync(CognitoClientContext client, PoolDomain domain, CancellationToken cancellationToken)
    {
        var logout = new UriBuilder(domain.LogoutEndpoint)
        {
            Query = $"client_id={Uri.EscapeDataString(client.ClientId)}&logout_uri={Uri.EscapeDataString(client.LogoutUri.OriginalString)}",
        }.Uri;
        var listening = client.LogoutUri.Scheme == Uri.UriSchemeHttp && Loopback.Is(client.LogoutUri);
        try
        {
            await using var listener = listening
                ? LoopbackListener.Start(client.LogoutUri, _ => LoopbackAnswer.Accept("Signed out", "You are signed out. Close this window."), client.Name, logger)
                : null;
            using var timeout = new CancellationTokenSource(SignOutTimeout, timeProvider);
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await browser.OpenAsync(logout, waiting.Token).ConfigureAwait(false);
            if (listener is not null)
            {
                await listener.WaitAsync(waiting.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is CognitoAuthenticationException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The tokens are revoked and dropped already; the browser's session ends when the browser closes.
            Log.BrowserSignOutIncomplete(logger, client.Name, exception is OperationCanceledException ? "the browser did not come back from /logout" : exception.Message);
        }
    }

    private static CognitoException Refused(string error, string? description)
    {
        var code = OAuthErrorResponse.CodeOf(error) ?? "invalid_request";
        return new CognitoException(
            code,
            $"The sign-in was refused at the authorize endpoint ({code})" + (Printable(description) is { } text ? $": {text}" : "."),
            statusCode: null,
            requestId: null,
            isRetryable: false);
    }

    /// <summary>The browser brought the description: keep it short and printable.</summary>
    private static string? Printable(string? description) =>
        description is { Length: > 0 } && description.All(c => c is >= ' ' and <= '~')
            ? description.Length > 200 ? description[..200] + "…" : description
            : null;
}

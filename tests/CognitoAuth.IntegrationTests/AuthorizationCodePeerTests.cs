using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using CognitoAuth.Client;
using CognitoAuth.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The browser flow (<see cref="CognitoAuthFlow.AuthorizationCode"/>) end to end against an OAuth 2.0 / OpenID Connect
/// server written by others — OpenIddict, in a loopback host laid out like a pool domain (<c>oauth2/authorize</c>,
/// <c>oauth2/token</c>, <c>oauth2/revoke</c>, <c>logout</c>, its discovery document where a pool's is) — unmodified: it
/// requires PKCE and checks the verifier, puts the nonce in its ID token, rolls refresh tokens. The test's
/// <see cref="ICognitoBrowser"/> plays the person's browser: it GETs the authorize URL with a cookie jar, OpenIddict's
/// authorize endpoint signs a test user in (a session cookie) and redirects to the client's loopback listener. Then an API
/// call with the token, a renewal with refresh_token, a sign-out that revokes at OpenIddict and ends the browser's session.
/// A headless Chromium on the emulator's managed login plugs into the same hook.
/// </summary>
public sealed class AuthorizationCodePeerTests : IAsyncLifetime
{
    private const string ClientId = "peer-cli";
    private const string PoolId = "ap-northeast-1_PeerPool";
    private const string TestUser = "peer-person";
    private const string SessionCookie = "peer-session";

    private readonly int _loopbackPort = FreePort.Next();
    private readonly ConcurrentDictionary<string, bool> _revoked = new(StringComparer.Ordinal);
    private WebApplication _server = null!;
    private Uri _base = null!;

    private Uri RedirectUri => new($"http://localhost:{_loopbackPort}/callback");

    private Uri LogoutUri => new($"http://localhost:{_loopbackPort}/");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddOpenIddict()
            .AddServer(options =>
            {
                // Where a pool's discovery document and its domain's endpoints are.
                options.SetConfigurationEndpointUris($"{PoolId}/.well-known/openid-configuration");
                options.SetAuthorizationEndpointUris("oauth2/authorize");
                options.SetTokenEndpointUris("oauth2/token");
                options.SetRevocationEndpointUris("oauth2/revoke");
                options.SetEndSessionEndpointUris("logout");
                options.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                options.RequireProofKeyForCodeExchange();
                options.RegisterScopes(Scopes.Email, Scopes.Profile, "aws.cognito.signin.user.admin");
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                options.DisableAccessTokenEncryption();

                // No application store: these handlers check the one client and its exact redirect URI, as a store would.
                options.EnableDegradedMode();
                options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    if (context.ClientId != ClientId)
                    {
                        context.Reject(Errors.InvalidClient, "Unknown client.");
                    }
                    else if (context.RedirectUri != RedirectUri.OriginalString)
                    {
                        context.Reject(Errors.InvalidRequest, "The redirect_uri is not one of the client's callback URLs.");
                    }

                    return default;
                }));
                options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    if (context.ClientId != ClientId || context.ClientSecret is not null)
                    {
                        context.Reject(Errors.InvalidClient, "Unknown client.");
                    }
                    else if (context.Request.IsRefreshTokenGrantType() && _revoked.ContainsKey(context.Request.RefreshToken!))
                    {
                        context.Reject(Errors.InvalidGrant, "The refresh token was revoked.");
                    }

                    return default;
                }));
                options.AddEventHandler<OpenIddictServerEvents.ValidateRevocationRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    if (context.ClientId != ClientId)
                    {
                        context.Reject(Errors.InvalidClient, "Unknown client.");
                    }

                    return default;
                }));
                options.AddEventHandler<OpenIddictServerEvents.ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    // Cognito's /logout names the client and its logout_uri (checked at the endpoint below), not post_logout_redirect_uri.
                    if (context.Request.ClientId != ClientId)
                    {
                        context.Reject(Errors.InvalidRequest, "Unknown client.");
                    }

                    return default;
                }));
                options.AddEventHandler<OpenIddictServerEvents.HandleRevocationRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    // Without a token store OpenIddict cannot revoke: remember the token, as a store would.
                    _revoked[context.Request.Token!] = true;
                    return default;
                }));
                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseAspNetCore();
            });
        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorization();
        _server = builder.Build();
        _server.UseAuthentication();
        _server.UseAuthorization();
        _server.MapGet("oauth2/authorize", (HttpContext http) =>
        {
            // The login page, played by the test: the person signs in once, and the session cookie remembers them.
            http.Response.Cookies.Append(SessionCookie, TestUser, new CookieOptions { HttpOnly = true, Path = "/" });
            var request = http.GetOpenIddictServerRequest()!;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, TestUser).SetClaim(Claims.Name, TestUser).SetClaim("username", TestUser).SetClaim(Claims.Email, "peer@example.com");
            var principal = new ClaimsPrincipal(identity);

            // Like Cognito, a refresh token without asking for offline_access.
            principal.SetScopes(request.GetScopes().Append(Scopes.OfflineAccess));
            principal.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        _server.MapPost("oauth2/token", async (HttpContext http) =>
        {
            // The code's (or refresh token's) principal, signed in again: OpenIddict issues the tokens.
            var authenticated = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(authenticated.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        _server.MapGet("logout", (HttpContext http) =>
        {
            // Cognito's /logout: ends the session cookie and sends the browser to the client's registered logout_uri.
            var request = http.GetOpenIddictServerRequest()!;
            if (request.ClientId != ClientId || (string?)request["logout_uri"] != LogoutUri.OriginalString)
            {
                return Results.BadRequest("Unknown client or logout_uri.");
            }

            http.Response.Cookies.Delete(SessionCookie, new CookieOptions { Path = "/" });
            return Results.Redirect(LogoutUri.OriginalString);
        });
        _server.MapGet("api/hello", (ClaimsPrincipal user) => $"Hello, {user.FindFirst(Claims.Subject)?.Value}!").RequireAuthorization();
        await _server.StartAsync();
        _base = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SignIn_CallTheApi_Renew_SignOut_AgainstOpenIddict()
    {
        var browser = new PeerBrowser();
        await using var provider = Client(browser);
        var tokens = provider.GetRequiredService<ICognitoTokenProvider>();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName);

        // Sign in: the browser goes to OpenIddict's authorize endpoint and comes back to the loopback listener.
        Assert.Equal($"Hello, {TestUser}!", await http.GetStringAsync(new Uri("api/hello", UriKind.Relative)));
        var signedIn = await tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);
        Assert.Equal(new Uri(_base, "oauth2/authorize").AbsoluteUri, Assert.Single(browser.Opened).GetLeftPart(UriPartial.Path));
        Assert.Contains("You are signed in", browser.Pages[^1], StringComparison.Ordinal);
        Assert.Equal(TestUser, signedIn.Username);
        Assert.Equal(ClientId, Jwt.Claim(signedIn.IdToken!, "aud"));
        Assert.NotNull(signedIn.RefreshToken);
        Assert.True(browser.HasSession(_base));

        // Renew with the refresh_token grant: OpenIddict rolls the refresh token, and the client keeps the new one.
        var renewed = await tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName, forceRenewal: true);
        Assert.NotEqual(signedIn.AccessToken, renewed.AccessToken);
        Assert.NotEqual(signedIn.RefreshToken, renewed.RefreshToken);
        Assert.Equal($"Hello, {TestUser}!", await http.GetStringAsync(new Uri("api/hello", UriKind.Relative)));
        Assert.Single(browser.Opened);

        // Sign out: the refresh token is revoked at OpenIddict, and the browser's session ends at /logout.
        await tokens.SignOutAsync(CognitoApiClientOptions.DefaultName);
        Assert.True(_revoked.ContainsKey(renewed.RefreshToken!));
        var logout = browser.Opened[^1];
        Assert.Equal($"{_base}logout?client_id={ClientId}&logout_uri={Uri.EscapeDataString(LogoutUri.OriginalString)}", logout.AbsoluteUri);
        Assert.Contains("You are signed out", browser.Pages[^1], StringComparison.Ordinal);
        Assert.False(browser.HasSession(_base));
        var refused = await RefreshDirectlyAsync(renewed.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("invalid_grant", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongRedirectUri_OpenIddictRefuses_NoCodeEverComesBack()
    {
        var browser = new PeerBrowser();
        await using var provider = Client(browser, o => o.RedirectUri = new Uri($"http://127.0.0.1:{_loopbackPort}/other"));
        var tokens = provider.GetRequiredService<ICognitoTokenProvider>();

        // OpenIddict answers an unregistered redirect URI itself (no redirect to it): the sign-in waits; the caller gives up.
        using var cancel = new CancellationTokenSource();
        var signingIn = tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName, cancellationToken: cancel.Token);
        await Eventually.ReachedAsync(() => browser.Pages.Count == 1, "OpenIddict's error page");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signingIn);
        Assert.Contains("redirect_uri", browser.Pages[0], StringComparison.Ordinal);
    }

    private ServiceProvider Client(PeerBrowser browser, Action<CognitoApiClientOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCognitoApiClient(o =>
        {
            o.AuthFlow = CognitoAuthFlow.AuthorizationCode;
            o.ClientId = ClientId;
            o.UserPoolId = PoolId;
            o.ServiceUrl = _base; // the pool's OpenID configuration is found at {ServiceUrl}{UserPoolId}/.well-known/openid-configuration
            o.ApiBaseAddress = _base;
            o.RedirectUri = RedirectUri;
            o.LogoutUri = LogoutUri;
            configure?.Invoke(o);
        });
        services.AddSingleton<ICognitoBrowser>(browser);
        return services.BuildServiceProvider();
    }

    private async Task<HttpResponseMessage> RefreshDirectlyAsync(string refreshToken)
    {
        using var client = new HttpClient();
        return await client.PostAsync(
            new Uri(_base, "oauth2/token"),
            new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", refreshToken), new("client_id", ClientId)]));
    }

    /// <summary>The person's browser: a cookie jar that follows redirects, as a browser does, and keeps the pages it ends on.</summary>
    private sealed class PeerBrowser : ICognitoBrowser
    {
        private readonly CookieContainer _cookies = new();

        public List<Uri> Opened { get; } = [];

        public List<string> Pages { get; } = [];

        public bool HasSession(Uri site) => _cookies.GetCookies(site).Any(c => c.Name == SessionCookie && !c.Expired);

        public async Task OpenAsync(Uri url, CancellationToken cancellationToken)
        {
            Opened.Add(url);
            using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = _cookies, AllowAutoRedirect = true, UseProxy = false });
            using var response = await http.GetAsync(url, cancellationToken);
            Pages.Add(await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }
}

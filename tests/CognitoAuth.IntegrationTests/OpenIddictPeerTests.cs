using System.Net;
using System.Security.Claims;
using CognitoAuth.Client;
using CognitoAuth.IntegrationTests.Infrastructure;
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
using Microsoft.AspNetCore;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The client-credentials flow against an OAuth 2.0 server written by others — OpenIddict, in a loopback test host with its
/// own API — unmodified: the token request as RFC 6749 has it (both client authentication methods), the token it issues
/// carried to its API, its OAuth errors as the package's typed errors.
/// </summary>
public sealed class OpenIddictPeerTests : IAsyncLifetime
{
    private const string ClientId = "peer-machine";
    private const string ClientSecret = "peer-machine-secret-value";
    private const string Scope = "peer-api/read";

    private WebApplication _server = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddOpenIddict()
            .AddServer(options =>
            {
                options.SetTokenEndpointUris("connect/token");
                options.AllowClientCredentialsFlow();
                options.RegisterScopes(Scope);
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                options.DisableAccessTokenEncryption();
                // No application store: this handler authenticates the one client, as a store would.
                options.EnableDegradedMode();
                options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                    {
                        context.Reject(Errors.InvalidClient, "The client credentials are invalid.");
                    }
                    else if (context.Request.GetScopes().Any(scope => scope != Scope))
                    {
                        context.Reject(Errors.InvalidScope, "The scope is not allowed.");
                    }

                    return default;
                }));
                options.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
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
        _server.MapPost("connect/token", (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId);
            var principal = new ClaimsPrincipal(identity);
            principal.SetScopes(request.GetScopes());
            principal.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        _server.MapGet("api/hello", (ClaimsPrincipal user) => $"Hello, {user.FindFirst(Claims.Subject)?.Value}!").RequireAuthorization();
        await _server.StartAsync();
        _base = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(CognitoTokenEndpointAuthMethod.ClientSecretBasic)]
    [InlineData(CognitoTokenEndpointAuthMethod.ClientSecretPost)]
    public async Task ClientCredentials_AgainstOpenIddict_GetsItsTokenAndCallsItsApi(CognitoTokenEndpointAuthMethod method)
    {
        await using var provider = Client(o => o.TokenEndpointAuthMethod = method);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName);

        Assert.Equal($"Hello, {ClientId}!", await http.GetStringAsync(new Uri("api/hello", UriKind.Relative)));

        var tokens = await provider.GetRequiredService<ICognitoTokenProvider>().GetTokensAsync(CognitoApiClientOptions.DefaultName);
        Assert.Equal(ClientId, Jwt.Claim(tokens.AccessToken, "sub"));
        Assert.True(tokens.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(30)); // OpenIddict's expires_in (one hour)
    }

    [Fact]
    public async Task WrongSecret_OpenIddictsInvalidClient_IsTheTypedError()
    {
        await using var provider = Client(o => o.ClientSecret = "wrong-secret");

        var error = await Assert.ThrowsAsync<CognitoException>(() =>
            provider.GetRequiredService<ICognitoTokenProvider>().GetTokensAsync(CognitoApiClientOptions.DefaultName));

        Assert.Equal("invalid_client", error.ErrorCode);
        Assert.Equal("The client credentials are invalid.", error.Message);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task ScopeNotAllowed_OpenIddictsInvalidScope_IsTheTypedError()
    {
        await using var provider = Client(o => o.Scopes = "peer-api/write");

        var error = await Assert.ThrowsAsync<CognitoException>(() =>
            provider.GetRequiredService<ICognitoTokenProvider>().GetTokensAsync(CognitoApiClientOptions.DefaultName));

        Assert.Equal("invalid_scope", error.ErrorCode);
    }

    private ServiceProvider Client(Action<CognitoApiClientOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCognitoApiClient(o =>
        {
            o.AuthFlow = CognitoAuthFlow.ClientCredentials;
            o.ClientId = ClientId;
            o.ClientSecret = ClientSecret;
            o.Scopes = Scope;
            o.TokenEndpoint = new Uri(_base, "connect/token");
            o.ApiBaseAddress = _base;
            o.Region = "ap-northeast-1";
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }
}

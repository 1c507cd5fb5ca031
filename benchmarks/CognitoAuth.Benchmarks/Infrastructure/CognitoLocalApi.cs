using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>
/// cognito-local has no API front, so its side of the <c>GET /hello</c> comparison is this stand-in: a minimal ASP.NET Core
/// API on loopback that checks the bearer token as an HTTP API JWT authorizer would — RS256 signature against cognito-local's
/// JWKS, issuer, expiry, <c>token_use</c> and <c>client_id</c>, with <see cref="JsonWebTokenHandler"/> (what JwtBearer uses)
/// — and answers the greeting itself. It does less than the emulator's front, which also builds a payload-2.0 event and
/// runs the real Lambda handler.
/// </summary>
internal sealed class CognitoLocalApi : IAsyncDisposable
{
    public const string Hello = "Hello from a protected API!";

    private readonly WebApplication _app;

    private CognitoLocalApi(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<CognitoLocalApi> StartAsync(CognitoLocalPeer cognitoLocal, string accessToken)
    {
        using var http = new HttpClient();
        var jwks = new JsonWebKeySet(await http.GetStringAsync(new Uri(cognitoLocal.Endpoint, $"{cognitoLocal.UserPoolId}/.well-known/jwks.json")));
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = new JsonWebToken(accessToken).Issuer,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateAudience = false,
            ValidateLifetime = true,
        };
        var tokens = new JsonWebTokenHandler();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/hello", async (HttpRequest request) =>
        {
            var header = request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return Results.Json(new { message = "Unauthorized" }, statusCode: StatusCodes.Status401Unauthorized);
            }

            var result = await tokens.ValidateTokenAsync(header[7..], parameters);
            return result.IsValid
                && result.Claims.TryGetValue("token_use", out var use) && "access".Equals(use)
                && result.Claims.TryGetValue("client_id", out var client) && cognitoLocal.ClientId.Equals(client)
                ? Results.Text(Hello)
                : Results.Json(new { message = "Unauthorized" }, statusCode: StatusCodes.Status401Unauthorized);
        });
        await app.StartAsync();
        return new CognitoLocalApi(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

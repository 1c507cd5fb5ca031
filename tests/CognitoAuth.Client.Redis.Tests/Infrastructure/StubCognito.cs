using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Redis.Tests.Infrastructure;

/// <summary>
/// A Cognito endpoint and the protected API on one loopback port, for a fleet of clients to share: <c>POST /</c> answers
/// <c>InitiateAuth</c> (<c>USER_PASSWORD_AUTH</c>, <c>REFRESH_TOKEN_AUTH</c>) in JSON 1.1 and counts every call;
/// <c>GET /hello</c> records the bearer token it was called with. Each Cognito call takes <see cref="Latency"/>, so that
/// concurrent instances really overlap.
/// </summary>
public sealed class StubCognito : IAsyncDisposable
{
    public const string Hello = "Hello from a protected API!";
    public const string ClientId = "fleetclient";
    public const string Password = "FleetPass123!";

    private readonly WebApplication _app;
    private int _signIns;
    private int _refreshes;
    private int _serial;

    private StubCognito(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(150);

    public int SignIns => Volatile.Read(ref _signIns);

    public int Refreshes => Volatile.Read(ref _refreshes);

    public int CognitoCalls => SignIns + Refreshes;

    /// <summary>Every access token issued, in order.</summary>
    public ConcurrentQueue<string> Issued { get; } = new();

    /// <summary>The bearer token of every API call.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<StubCognito> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StubCognito(app);
        app.MapPost("/", stub.CognitoAsync);
        app.MapGet("/hello", (HttpRequest request) =>
        {
            stub.Authorizations.Enqueue(request.Headers.Authorization.ToString());
            return Results.Text(Hello);
        });
        await app.StartAsync();
        stub.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> CognitoAsync(HttpRequest request)
    {
        if (request.Headers["X-Amz-Target"] != "AWSCognitoIdentityProviderService.InitiateAuth")
        {
            return Error("InvalidParameterException", $"The stub answers only InitiateAuth, not {request.Headers["X-Amz-Target"]}.");
        }

        var body = (await JsonNode.ParseAsync(request.Body))!;
        var parameters = body["AuthParameters"]!;
        await Task.Delay(Latency);
        switch (body["AuthFlow"]?.GetValue<string>())
        {
            case "USER_PASSWORD_AUTH" when parameters["PASSWORD"]?.GetValue<string>() == Password:
                Interlocked.Increment(ref _signIns);
                return Tokens(parameters["USERNAME"]!.GetValue<string>(), refreshToken: $"refresh-{Interlocked.Increment(ref _serial)}");
            case "USER_PASSWORD_AUTH":
                return Error("NotAuthorizedException", "Incorrect username or password.");
            case "REFRESH_TOKEN_AUTH":
                Interlocked.Increment(ref _refreshes);
                return Tokens(username: "refreshed", refreshToken: null);
            default:
                return Error("InvalidParameterException", "Unsupported auth flow.");
        }
    }

    private IResult Tokens(string username, string? refreshToken)
    {
        var serial = Interlocked.Increment(ref _serial);
        var access = Jwt(new JsonObject { ["username"] = username, ["token_use"] = "access", ["jti"] = $"access-{serial}" });
        Issued.Enqueue(access);
        var result = new JsonObject
        {
            ["AccessToken"] = access,
            ["IdToken"] = Jwt(new JsonObject { ["cognito:username"] = username, ["token_use"] = "id", ["jti"] = $"id-{serial}" }),
            ["ExpiresIn"] = 3600,
            ["TokenType"] = "Bearer",
        };
        if (refreshToken is not null)
        {
            result["RefreshToken"] = refreshToken;
        }

        return Results.Text(new JsonObject { ["AuthenticationResult"] = result, ["ChallengeParameters"] = new JsonObject() }.ToJsonString(), "application/x-amz-json-1.1");
    }

    private static IResult Error(string type, string message) =>
        Results.Text(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message }), "application/x-amz-json-1.1", statusCode: 400);

    private static string Jwt(JsonObject claims) => $"{Encode("{\"alg\":\"RS256\",\"kid\":\"stub\"}")}.{Encode(claims.ToJsonString())}.c2lnbmF0dXJl";

    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

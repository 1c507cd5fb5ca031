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
/// A Cognito endpoint and the protected API on one loopback port, for a fleet of clients to share. <c>POST /</c> answers, in
/// JSON 1.1, <c>InitiateAuth</c> (<c>USER_PASSWORD_AUTH</c>, <c>REFRESH_TOKEN_AUTH</c>), <c>GetTokensFromRefreshToken</c> and
/// <c>RevokeToken</c>, and counts every outcome; <c>GET /hello</c> records the bearer token it was called with. Each Cognito
/// call takes <see cref="Latency"/> on <see cref="Clock"/>, so that concurrent instances really overlap, unless a queued
/// <see cref="StubFault"/> says otherwise.
/// </summary>
/// <remarks>
/// Refresh-token rotation (<see cref="RotateRefreshTokens"/>) as AWS describes it: <c>REFRESH_TOKEN_AUTH</c> is refused
/// (a rotating app client does not allow the flow); <c>GetTokensFromRefreshToken</c> returns a new refresh token and retires
/// the one it was given, which then works only for <see cref="RetryGracePeriod"/> (Cognito's <c>RetryGracePeriodSeconds</c>,
/// 0–60) and answers <c>RefreshTokenReuseException</c> after. Without rotation, <c>GetTokensFromRefreshToken</c> returns no
/// refresh token and retires nothing.
/// </remarks>
public sealed class StubCognito : IAsyncDisposable
{
    public const string Hello = "Hello from a protected API!";
    public const string ClientId = "fleetclient";
    public const string Password = "FleetPass123!";

    private const string TargetPrefix = "AWSCognitoIdentityProviderService.";

    private readonly WebApplication _app;
    private readonly object _lock = new();
    private readonly HashSet<string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _retired = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<StubFault>> _faults = new(StringComparer.Ordinal);
    private int _requests;
    private int _signIns;
    private int _refreshTokenAuths;
    private int _refusedRefreshTokenAuths;
    private int _tokensFromRefreshToken;
    private int _reuseErrors;
    private int _graceReuses;
    private int _throttled;
    private int _inFlight;
    private int _maxInFlight;
    private int _serial;

    private StubCognito(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The clock of <see cref="Latency"/>, of slow faults and of the grace period.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(150);

    public bool RotateRefreshTokens { get; set; }

    public TimeSpan RetryGracePeriod { get; set; }

    /// <summary>Awaited before each call is answered (after its latency), with the operation's name; for a test to act mid-call.</summary>
    public Func<string, Task>? BeforeAnswer { get; set; }

    /// <summary>Every Cognito request received, answered or not.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public int SignIns => Volatile.Read(ref _signIns);

    /// <summary><c>REFRESH_TOKEN_AUTH</c> calls that returned tokens.</summary>
    public int RefreshTokenAuths => Volatile.Read(ref _refreshTokenAuths);

    /// <summary><c>REFRESH_TOKEN_AUTH</c> calls refused because the app client rotates refresh tokens.</summary>
    public int RefusedRefreshTokenAuths => Volatile.Read(ref _refusedRefreshTokenAuths);

    /// <summary><c>GetTokensFromRefreshToken</c> calls that returned tokens.</summary>
    public int TokensFromRefreshToken => Volatile.Read(ref _tokensFromRefreshToken);

    /// <summary>Refreshes that returned tokens, by either operation.</summary>
    public int Refreshes => RefreshTokenAuths + TokensFromRefreshToken;

    /// <summary><c>RefreshTokenReuseException</c> answers: a rotated-out refresh token used after its grace period.</summary>
    public int ReuseErrors => Volatile.Read(ref _reuseErrors);

    /// <summary>Rotated-out refresh tokens accepted because they were used again within the grace period.</summary>
    public int GraceReuses => Volatile.Read(ref _graceReuses);

    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>The most Cognito calls that were in progress at once (from arrival to answer or abandonment).</summary>
    public int MaxConcurrentCalls => Volatile.Read(ref _maxInFlight);

    /// <summary>Sign-ins and refreshes that returned tokens.</summary>
    public int CognitoCalls => SignIns + Refreshes;

    /// <summary>Every access token issued, in order.</summary>
    public ConcurrentQueue<string> Issued { get; } = new();

    /// <summary>Every refresh token issued (by sign-in or rotation), in order.</summary>
    public ConcurrentQueue<string> IssuedRefreshTokens { get; } = new();

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

    /// <summary>The next calls of <paramref name="operation"/> take these faults, one each, in order.</summary>
    public void Enqueue(string operation, params StubFault[] faults)
    {
        var queue = _faults.GetOrAdd(operation, static _ => new ConcurrentQueue<StubFault>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    /// <summary>Starts counting <see cref="MaxConcurrentCalls"/> afresh, from the calls in progress now.</summary>
    public void ResetMaxConcurrentCalls() => Volatile.Write(ref _maxInFlight, Volatile.Read(ref _inFlight));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> CognitoAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _requests);
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
        }

        try
        {
            var target = request.Headers["X-Amz-Target"].ToString();
            var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
            var body = (await JsonNode.ParseAsync(request.Body))!;
            var fault = _faults.TryGetValue(operation, out var queue) && queue.TryDequeue(out var next) ? next : null;
            try
            {
                await Task.Delay(fault?.Delay ?? Latency, Clock, request.HttpContext.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up (its attempt timeout closed the connection): like Cognito, nothing happens.
                return Results.Empty;
            }

            if (BeforeAnswer is { } beforeAnswer)
            {
                await beforeAnswer(operation);
            }

            if (fault?.ErrorCode is { } code)
            {
                Interlocked.Increment(ref _throttled);
                return Error(code, "Rate exceeded");
            }

            return operation switch
            {
                "InitiateAuth" => InitiateAuth(body),
                "GetTokensFromRefreshToken" => GetTokensFromRefreshToken(body),
                "RevokeToken" => RevokeToken(body),
                _ => Error("InvalidParameterException", $"The stub does not answer {operation}."),
            };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private IResult InitiateAuth(JsonNode body)
    {
        var parameters = body["AuthParameters"]!;
        switch (body["AuthFlow"]?.GetValue<string>())
        {
            case "USER_PASSWORD_AUTH" when parameters["PASSWORD"]?.GetValue<string>() == Password:
                Interlocked.Increment(ref _signIns);
                return Tokens(parameters["USERNAME"]!.GetValue<string>(), NewRefreshToken());
            case "USER_PASSWORD_AUTH":
                return Error("NotAuthorizedException", "Incorrect username or password.");
            case "REFRESH_TOKEN_AUTH" when RotateRefreshTokens:
                // A rotating app client does not allow ALLOW_REFRESH_TOKEN_AUTH: Cognito refuses the flow.
                Interlocked.Increment(ref _refusedRefreshTokenAuths);
                return Error("InvalidParameterException", "Auth flow not enabled for this client.");
            case "REFRESH_TOKEN_AUTH" when IsActive(parameters["REFRESH_TOKEN"]?.GetValue<string>()):
                Interlocked.Increment(ref _refreshTokenAuths);
                return Tokens(username: "refreshed", refreshToken: null);
            case "REFRESH_TOKEN_AUTH":
                return Error("NotAuthorizedException", "Invalid Refresh Token");
            default:
                return Error("InvalidParameterException", "Unsupported auth flow.");
        }
    }

    private IResult GetTokensFromRefreshToken(JsonNode body)
    {
        if (body["ClientId"]?.GetValue<string>() != ClientId)
        {
            return Error("ResourceNotFoundException", "User pool client does not exist.");
        }

        var refreshToken = body["RefreshToken"]?.GetValue<string>() ?? string.Empty;
        string? next = null;
        lock (_lock)
        {
            if (!RotateRefreshTokens)
            {
                if (!_refreshTokens.Contains(refreshToken))
                {
                    return Error("NotAuthorizedException", "Invalid Refresh Token");
                }
            }
            else if (_refreshTokens.Remove(refreshToken))
            {
                _retired[refreshToken] = Clock.GetUtcNow();
                next = NewRefreshToken();
            }
            else if (_retired.TryGetValue(refreshToken, out var retiredAt) && Clock.GetUtcNow() - retiredAt <= RetryGracePeriod)
            {
                Interlocked.Increment(ref _graceReuses);
                next = NewRefreshToken();
            }
            else if (_retired.ContainsKey(refreshToken))
            {
                Interlocked.Increment(ref _reuseErrors);
                return Error("RefreshTokenReuseException", "Refresh token has been used and rotated.");
            }
            else
            {
                return Error("NotAuthorizedException", "Invalid Refresh Token");
            }
        }

        Interlocked.Increment(ref _tokensFromRefreshToken);
        return Tokens(username: "refreshed", refreshToken: next);
    }

    private IResult RevokeToken(JsonNode body)
    {
        lock (_lock)
        {
            _refreshTokens.Remove(body["Token"]?.GetValue<string>() ?? string.Empty);
        }

        return Results.Text("{}", "application/x-amz-json-1.1");
    }

    private bool IsActive(string? refreshToken)
    {
        lock (_lock)
        {
            return refreshToken is not null && _refreshTokens.Contains(refreshToken);
        }
    }

    private string NewRefreshToken()
    {
        var refreshToken = $"refresh-{Interlocked.Increment(ref _serial)}";
        lock (_lock)
        {
            _refreshTokens.Add(refreshToken);
        }

        IssuedRefreshTokens.Enqueue(refreshToken);
        return refreshToken;
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

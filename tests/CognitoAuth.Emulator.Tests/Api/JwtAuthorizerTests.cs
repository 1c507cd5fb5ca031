using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Api;

/// <summary>The HTTP API's JWT authorizer against the attacks API Gateway's authorizer turns away, and the tokens it lets through.</summary>
public sealed class JwtAuthorizerTests
{
    private const string Challenge = "Bearer scope=\"\" error=\"invalid_token\" error_description=\"";

    /// <summary>Each case builds the Authorization header from a real sign-in, the pool's own key, or an attacker's key.</summary>
    private static readonly Dictionary<string, (Func<Attack, string?> Header, string? Description)> Attacks = new()
    {
        ["missing header"] = (_ => null, "the Authorization header is missing"),
        ["empty bearer"] = (_ => "Bearer ", null),
        ["not a JWT"] = (_ => "Bearer garbage", "the token is malformed"),
        ["alg none"] = (a => "Bearer " + TokenForge.Unsigned(new JsonObject { ["kid"] = a.PoolKid, ["alg"] = "none" }, a.ValidPayload), "signing method none is invalid"),
        ["HS256 signed with the public key"] = (a => "Bearer " + TokenForge.SignHmac(a.PublicKeyBytes, new JsonObject { ["kid"] = a.PoolKid, ["alg"] = "HS256" }, a.ValidPayload), "signing method HS256 is invalid"),
        ["unknown kid"] = (a => "Bearer " + TokenForge.SignRsa(a.AttackerKey, new JsonObject { ["kid"] = "attacker-key", ["alg"] = "RS256" }, a.ValidPayload), null),
        ["kid path traversal"] = (a => "Bearer " + TokenForge.SignRsa(a.AttackerKey, new JsonObject { ["kid"] = "../../../../etc/passwd", ["alg"] = "RS256" }, a.ValidPayload), null),
        ["pool kid with another key"] = (a => "Bearer " + TokenForge.SignRsa(a.AttackerKey, new JsonObject { ["kid"] = a.PoolKid, ["alg"] = "RS256" }, a.ValidPayload), null),
        ["expired"] = (a => { a.Time.Advance(TimeSpan.FromHours(1)); return "Bearer " + a.Tokens.AccessToken; }, "the token has expired"),
        ["exp missing"] = (a => "Bearer " + a.PoolSigned(a.ValidPayload.Without("exp")), "the token has expired"),
        ["nbf in the future"] = (a => "Bearer " + a.PoolSigned(a.ValidPayload.With("nbf", a.Now + 600)), "the token is not valid yet"),
        ["iat in the future"] = (a => "Bearer " + a.PoolSigned(a.ValidPayload.With("iat", a.Now + 600)), "the token is not valid yet"),
        ["issuer of the real AWS pool"] = (a => "Bearer " + a.PoolSigned(a.ValidPayload.With("iss", $"https://cognito-idp.{a.Emulator.Region}.amazonaws.com/{a.Emulator.UserPoolId}")), "the token does not have a valid issuer"),
        ["wrong audience"] = (a => "Bearer " + a.PoolSigned(TokenForge.Payload(a.Tokens.IdToken).With("aud", "someone-else")), "the token does not have a valid audience"),
        ["aud present, client_id right"] = (a => "Bearer " + a.PoolSigned(a.ValidPayload.With("aud", "someone-else")), "the token does not have a valid audience"),
        ["access token of another client_id"] = (a => "Bearer " + a.PoolSigned(a.ValidPayload.With("client_id", "someone-else")), "the token does not have a valid audience"),
        ["ID token of another client"] = (a => "Bearer " + a.OtherClientIdToken, "the token does not have a valid audience"),
        ["tampered payload"] = (a => "Bearer " + TokenForge.WithPayload(a.Tokens.AccessToken, a.ValidPayload.With("username", "admin")), null),
        ["truncated token"] = (a => "Bearer " + a.Tokens.AccessToken[..a.Tokens.AccessToken.LastIndexOf('.')], "the token is malformed"),
        ["signature cut short"] = (a => "Bearer " + a.Tokens.AccessToken[..^10], null),
    };

    public static TheoryData<string> AttackNames => [.. Attacks.Keys];

    [Theory]
    [InlineData("scope", "\"openid cognito-auth-api/hello.read\"", 200)]
    [InlineData("scp", "[\"cognito-auth-api/hello.read\"]", 200)]
    [InlineData("scp", "\"cognito-auth-api/hello.read other\"", 200)]
    [InlineData("scope", "\"cognito-auth-api/hello.write\"", 403)]
    [InlineData("scope", "\"cognito-auth-api/hello.readx\"", 403)]
    [InlineData("none", "null", 403)]
    public async Task GetScopedHello_TokenScopes_OneOfTheRoutesScopesIsNeeded(string claim, string value, int status)
    {
        await using var setup = await Attack.StartAsync();
        var payload = setup.ValidPayload.Without("scope");
        if (claim != "none")
        {
            payload[claim] = JsonNode.Parse(value);
        }

        var response = await setup.GetAsync("scoped/hello", "Bearer " + setup.PoolSigned(payload));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(status == 200 ? "Hello from a protected API!" : """{"message":"Forbidden"}""", response.Body);
    }

    [Theory]
    [MemberData(nameof(AttackNames))]
    public async Task GetHello_Attack_401WithApiGatewaysBodyAndChallenge(string attack)
    {
        await using var setup = await Attack.StartAsync();
        var (header, description) = Attacks[attack];

        var response = await setup.GetAsync("hello", header(setup));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"message":"Unauthorized"}""", response.Body);
        Assert.Equal("application/json", response.ContentType);
        var challenge = Assert.Single(response.WwwAuthenticate);
        Assert.StartsWith(Challenge, challenge, StringComparison.Ordinal);
        Assert.EndsWith("\"", challenge, StringComparison.Ordinal);
        if (description is not null)
        {
            Assert.Equal(Challenge + description + "\"", challenge);
        }

        Assert.Equal(1, setup.Emulator.ApiRequests["GET /hello"]);
    }

    [Theory]
    [InlineData("access", "Bearer ")]
    [InlineData("id", "Bearer ")]
    [InlineData("access", "")]
    public async Task GetHello_ValidToken_TheFunctionAnswers(string tokenUse, string prefix)
    {
        await using var setup = await Attack.StartAsync();
        var token = tokenUse == "access" ? setup.Tokens.AccessToken : setup.Tokens.IdToken;

        var response = await setup.GetAsync("hello", prefix + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello from a protected API!", response.Body);
        Assert.Equal("text/plain", response.ContentType);
        Assert.Empty(response.WwwAuthenticate);
    }

    [Fact]
    public async Task GetMe_ValidAccessToken_TheFunctionSeesTheAuthorizersClaims()
    {
        await using var setup = await Attack.StartAsync();

        var response = await setup.GetAsync("me", "Bearer " + setup.Tokens.AccessToken);
        var me = JsonDocument.Parse(response.Body).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(setup.ValidPayload.Text("username"), me.GetProperty("username").GetString());
        Assert.Equal(setup.ValidPayload.Text("sub"), me.GetProperty("sub").GetString());
        Assert.Equal("access", me.GetProperty("token_use").GetString());
        Assert.Equal(setup.Emulator.ClientId, me.GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task GetHello_AudienceArrayHoldingTheClient_IsAccepted()
    {
        await using var setup = await Attack.StartAsync();
        var payload = TokenForge.Payload(setup.Tokens.IdToken).With("aud", new JsonArray("someone-else", setup.Emulator.ClientId));

        var response = await setup.GetAsync("hello", "Bearer " + setup.PoolSigned(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetHello_IdTokenOfAClientAcceptedByTheApi_IsAccepted()
    {
        await using var setup = await Attack.StartAsync(acceptOtherClient: true);

        var response = await setup.GetAsync("hello", "Bearer " + setup.OtherClientIdToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "nope")]
    [InlineData("POST", "hello")]
    [InlineData("GET", "hello/")]
    [InlineData("GET", "Hello")]
    public async Task UnmatchedRoute_404NotFoundBeforeAnyAuthorization(string method, string path)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.ApiUrl };

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"message":"Not Found"}""", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("apigw-requestid"));
        Assert.Equal(0, emulator.ApiRequests.Total);
    }

    /// <summary>
    /// One emulator signing with a key the test holds, the seeded user signed in, and an attacker's key. Its logs are
    /// captured and, when it is disposed, checked for the passwords, the tokens and every bearer value the test sent.
    /// </summary>
    private sealed class Attack : IAsyncDisposable
    {
        private readonly TestSigningKey _poolKey;
        private readonly HttpClient _http;
        private readonly FakeLoggerProvider _logs;
        private readonly ILoggerFactory _loggerFactory;
        private readonly SecretScanner _secrets = new();

        private Attack(CognitoEmulator emulator, TestSigningKey poolKey, FakeTimeProvider time, TokenSet tokens, string otherClientIdToken, FakeLoggerProvider logs, ILoggerFactory loggerFactory)
        {
            Emulator = emulator;
            _poolKey = poolKey;
            _logs = logs;
            _loggerFactory = loggerFactory;
            foreach (var secret in new[] { tokens.AccessToken, tokens.IdToken, tokens.RefreshToken, otherClientIdToken, "TempPass123!", "NewSecurePass123!" })
            {
                _secrets.Add(secret, "a password or token of the signed-in user");
            }

            Time = time;
            Tokens = tokens;
            OtherClientIdToken = otherClientIdToken;
            _http = new HttpClient { BaseAddress = emulator.ApiUrl };
            PoolKid = TokenForge.Header(tokens.AccessToken).Text("kid");
            ValidPayload = TokenForge.Payload(tokens.AccessToken);
            PublicKeyBytes = Encoding.ASCII.GetBytes(poolKey.Rsa.ExportSubjectPublicKeyInfoPem());
        }

        public CognitoEmulator Emulator { get; }

        public FakeTimeProvider Time { get; }

        public TokenSet Tokens { get; }

        public string OtherClientIdToken { get; }

        public string PoolKid { get; }

        public JsonObject ValidPayload { get; }

        public byte[] PublicKeyBytes { get; }

        public RSA AttackerKey { get; } = RSA.Create(2048);

        public long Now => Time.GetUtcNow().ToUnixTimeSeconds();

        public static async Task<Attack> StartAsync(bool acceptOtherClient = false)
        {
            var key = new TestSigningKey();
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var logs = new FakeLoggerProvider();
            var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            var options = new CognitoEmulatorOptions { SigningKeyPath = key.Path, TimeProvider = time, LoggerFactory = loggerFactory };
            options.AdditionalClients.Add(new EmulatorClientOptions { Name = "other", AcceptedByApi = acceptOtherClient });
            var emulator = await CognitoEmulator.StartAsync(options);
            using var client = new CognitoTestClient(emulator);
            var tokens = await client.SignInSeedUserAsync();
            var other = TokenSet.From(await client.AdminInitiateAuthAsync("testuser@example.com", "NewSecurePass123!", emulator.AdditionalClients[0].ClientId));
            return new Attack(emulator, key, time, tokens, other.IdToken, logs, loggerFactory);
        }

        /// <summary>A token with any claims, signed correctly with the pool's own key: only the claim checks can refuse it.</summary>
        public string PoolSigned(JsonObject payload) =>
            TokenForge.SignRsa(_poolKey.Rsa, new JsonObject { ["kid"] = PoolKid, ["alg"] = "RS256" }, payload);

        public async Task<ApiResponse> GetAsync(string path, string? authorization)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
                _secrets.Add(authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..] : authorization, "a bearer value sent to the API");
            }

            using var response = await _http.SendAsync(request);
            return new ApiResponse(
                response.StatusCode,
                await response.Content.ReadAsStringAsync(),
                response.Content.Headers.ContentType?.MediaType,
                response.Headers.TryGetValues("www-authenticate", out var values) ? [.. values] : []);
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            AttackerKey.Dispose();
            await Emulator.DisposeAsync();
            _poolKey.Dispose();
            try
            {
                _secrets.AssertNotIn(_logs.Collector.GetSnapshot(), "the emulator");
            }
            finally
            {
                _loggerFactory.Dispose();
                _logs.Dispose();
            }
        }
    }

    private sealed record ApiResponse(HttpStatusCode StatusCode, string Body, string? ContentType, IReadOnlyList<string> WwwAuthenticate);
}

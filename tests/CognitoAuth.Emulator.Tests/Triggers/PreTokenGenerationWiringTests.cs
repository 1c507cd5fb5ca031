using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>
/// The pool's PreTokenGeneration trigger runs at every token issuance (sign-in, new password, refresh, the token endpoint's
/// grants), with the source Cognito sends, and its answer shapes the tokens the caller gets; a failing trigger fails the call.
/// </summary>
public sealed class PreTokenGenerationWiringTests
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:tokens";

    [Fact]
    public async Task V2_SignInAndRefresh_ClaimsAndScopeAddedToBothTokensWithTheSourceOfEach()
    {
        var events = new ConcurrentQueue<JsonObject>();
        await using var emulator = await StartAsync(evt =>
        {
            events.Enqueue((JsonObject)evt.DeepClone());
            evt["response"]!["claimsAndScopeOverrideDetails"] = JsonNode.Parse("""
                {"idTokenGeneration":{"claimsToAddOrOverride":{"tenant":"acme"}},
                 "accessTokenGeneration":{"claimsToAddOrOverride":{"tenant":"acme"},"scopesToAdd":["orders/read"]}}
                """);
            return evt;
        });
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { PreTokenGenerationConfig = new { LambdaArn = Arn, LambdaVersion = "V2_0" } });
        await pool.SignUpConfirmedAsync("alice", "alice@example.com");

        var signIn = await pool.SignInAsync("alice");
        signIn.AssertOk();
        var refreshed = await pool.CallAsync("InitiateAuth", new
        {
            pool.ClientId,
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = signIn.Get("AuthenticationResult", "RefreshToken") },
        });

        refreshed.AssertOk();
        foreach (var result in new[] { signIn, refreshed })
        {
            var access = TestPool.Claims(result.Get("AuthenticationResult", "AccessToken"));
            var id = TestPool.Claims(result.Get("AuthenticationResult", "IdToken"));
            Assert.Equal("acme", access.GetProperty("tenant").GetString());
            Assert.Equal("aws.cognito.signin.user.admin orders/read", access.GetProperty("scope").GetString());
            Assert.Equal("acme", id.GetProperty("tenant").GetString());
        }

        Assert.Equal(["TokenGeneration_Authentication", "TokenGeneration_RefreshTokens"], events.Select(e => e["triggerSource"]!.GetValue<string>()));
        var first = events.First();
        Assert.Equal("2", first["version"]!.GetValue<string>());
        Assert.Equal("alice", first["userName"]!.GetValue<string>());
        Assert.Equal(pool.PoolId, first["userPoolId"]!.GetValue<string>());
        Assert.Equal(pool.ClientId, first["callerContext"]!["clientId"]!.GetValue<string>());
        Assert.Equal("alice@example.com", first["request"]!["userAttributes"]!["email"]!.GetValue<string>());
        Assert.Equal(["aws.cognito.signin.user.admin"], first["request"]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task V1_NewPasswordChallenge_IdTokenCustomizedAccessTokenNot()
    {
        var sources = new ConcurrentQueue<string>();
        await using var emulator = await StartAsync(evt =>
        {
            sources.Enqueue(evt["triggerSource"]!.GetValue<string>());
            evt["response"]!["claimsOverrideDetails"] = JsonNode.Parse("""{"claimsToAddOrOverride":{"tenant":"acme"}}""");
            return evt;
        });
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { PreTokenGeneration = Arn });
        (await pool.CallAsync("AdminCreateUser", new { UserPoolId = pool.PoolId, Username = "bob", TemporaryPassword = "Temp0rary!", MessageAction = "SUPPRESS" })).AssertOk();

        var challenge = await pool.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = pool.PoolId,
            pool.ClientId,
            AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "bob", ["PASSWORD"] = "Temp0rary!" },
        });
        var tokens = await pool.CallAsync("AdminRespondToAuthChallenge", new
        {
            UserPoolId = pool.PoolId,
            pool.ClientId,
            ChallengeName = "NEW_PASSWORD_REQUIRED",
            Session = challenge.Get("Session"),
            ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "bob", ["NEW_PASSWORD"] = TestPool.Password },
        });

        tokens.AssertOk();
        Assert.Equal("acme", TestPool.Claims(tokens.Get("AuthenticationResult", "IdToken")).GetProperty("tenant").GetString());
        Assert.False(TestPool.Claims(tokens.Get("AuthenticationResult", "AccessToken")).TryGetProperty("tenant", out _));
        Assert.Equal(["TokenGeneration_NewPasswordChallenge"], sources);
    }

    [Fact]
    public async Task FunctionThrows_SignInFailsWithUserLambdaValidationAndTheNextSignInWorks()
    {
        var fail = true;
        await using var emulator = await StartAsync(evt => fail ? throw new InvalidOperationException("no tokens today") : evt);
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { PreTokenGenerationConfig = new { LambdaArn = Arn, LambdaVersion = "V2_0" } });
        await pool.SignUpConfirmedAsync("alice", "alice@example.com");

        var refused = await pool.SignInAsync("alice");
        fail = false;
        var accepted = await pool.SignInAsync("alice");

        refused.AssertError("UserLambdaValidationException", "PreTokenGeneration failed with error no tokens today.");
        accepted.AssertOk();
    }

    [Fact]
    public async Task V3_ClientCredentials_ScopeAndClaimAddedToTheMachineToken()
    {
        var sources = new ConcurrentQueue<string>();
        await using var emulator = await StartAsync(evt =>
        {
            sources.Enqueue(evt["triggerSource"]!.GetValue<string>());
            evt["response"]!["claimsAndScopeOverrideDetails"] = JsonNode.Parse("""
                {"accessTokenGeneration":{"claimsToAddOrOverride":{"tenant":"acme"},"scopesToSuppress":["cognito-auth-api/hello.read"]}}
                """);
            return evt;
        });
        using var client = new CognitoTestClient(emulator);
        (await client.CallAsync("UpdateUserPool", new
        {
            emulator.UserPoolId,
            LambdaConfig = new { PreTokenGenerationConfig = new { LambdaArn = Arn, LambdaVersion = "V3_0" } },
        })).AssertOk();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.TokenEndpoint)
        {
            Content = new StringContent("grant_type=client_credentials", Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.ASCII.GetBytes($"{emulator.MachineClient.ClientId}:{emulator.MachineClient.ClientSecret}")));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        var claims = TestPool.Claims(token);
        Assert.Equal("acme", claims.GetProperty("tenant").GetString());
        Assert.DoesNotContain("cognito-auth-api/hello.read", claims.TryGetProperty("scope", out var scope) ? scope.GetString() ?? string.Empty : string.Empty, StringComparison.Ordinal);
        Assert.Equal(["TokenGeneration_ClientCredentials"], sources);
    }

    private static Task<CognitoEmulator> StartAsync(Func<JsonObject, JsonObject> function)
    {
        var options = new CognitoEmulatorOptions();
        options.LambdaFunctions["tokens"] = (evt, _) => Task.FromResult<JsonNode?>(function(evt));
        return CognitoEmulator.StartAsync(options);
    }
}

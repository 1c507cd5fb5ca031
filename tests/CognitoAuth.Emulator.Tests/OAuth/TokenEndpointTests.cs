using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;
using Duende.IdentityModel.Client;

namespace CognitoAuth.Emulator.Tests.OAuth;

/// <summary>The client-credentials grant at <c>{CognitoEndpoint}oauth2/token</c>, and the API's route scopes.</summary>
public sealed class TokenEndpointTests
{
    [Fact]
    public async Task ClientSecretBasic_NoScope_GrantsEveryAllowedScope_WithAMachineTokensClaims()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, emulator, Basic(emulator.MachineClient.ClientId, emulator.MachineClient.ClientSecret!), "grant_type=client_credentials");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["access_token", "expires_in", "token_type"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        var token = body.GetProperty("access_token").GetString()!;
        var claims = TokenForge.Payload(token);
        Assert.Equal(["sub", "token_use", "scope", "auth_time", "iss", "exp", "iat", "version", "jti", "client_id"], claims.Select(c => c.Key));
        Assert.Equal(emulator.MachineClient.ClientId, claims["sub"]!.GetValue<string>());
        Assert.Equal(emulator.MachineClient.ClientId, claims["client_id"]!.GetValue<string>());
        Assert.Equal("access", claims["token_use"]!.GetValue<string>());
        Assert.Equal("cognito-auth-api/hello.read", claims["scope"]!.GetValue<string>());
        Assert.Equal(emulator.Issuer, claims["iss"]!.GetValue<string>());
        Assert.Equal(2, claims["version"]!.GetValue<int>());
        Assert.Equal(3600, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
        Assert.Equal(TokenForge.Header(token)["kid"]!.GetValue<string>(), await KidAsync(http, emulator));

        // The scope-protected route takes it; the user's token (no custom scope) gets API Gateway's 403.
        using var scoped = await GetAsync(http, emulator, "scoped/hello", token);
        using var hello = await GetAsync(http, emulator, "hello", token);
        Assert.Equal("Hello from a protected API!", await scoped.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
    }

    [Fact]
    public async Task ScopedRoute_UserTokenWithoutTheScope_Forbidden_AsApiGatewayAnswers()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();
        using var http = new HttpClient();

        using var response = await GetAsync(http, emulator, "scoped/hello", tokens.AccessToken);
        using var unauthorized = await GetAsync(http, emulator, "scoped/hello", "not-a-token");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"Forbidden"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(
            "Bearer scope=\"cognito-auth-api/hello.read\" error=\"insufficient_scope\" error_description=\"expected scopes: [cognito-auth-api/hello.read]\"",
            Assert.Single(response.Headers.GetValues("www-authenticate")));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task ClientSecretPost_WithAScope_GrantsIt()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, emulator, null,
            $"grant_type=client_credentials&client_id={emulator.MachineClient.ClientId}&client_secret={emulator.MachineClient.ClientSecret}&scope=cognito-auth-api%2Fhello.read");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, emulator.CognitoRequests["oauth2/token"]);
    }

    [Theory]
    [InlineData("basic-wrong-secret", "grant_type=client_credentials", "invalid_client")]
    [InlineData("basic", "grant_type=password", "unsupported_grant_type")]
    [InlineData("basic", "scope=cognito-auth-api%2Fhello.read", "invalid_request")]
    [InlineData("basic", "grant_type=client_credentials&scope=cognito-auth-api%2Fhello.write", "invalid_scope")]
    [InlineData("basic", "grant_type=client_credentials&scope=openid", "invalid_scope")]
    [InlineData("none", "grant_type=client_credentials", "invalid_client")]
    [InlineData("none", "grant_type=client_credentials&client_id=unknown&client_secret=x", "invalid_client")]
    [InlineData("basic-and-post", "grant_type=client_credentials", "invalid_request")]
    [InlineData("user-client", "grant_type=client_credentials", "invalid_client")]
    public async Task BadRequests_OAuthErrorsWith400(string authentication, string form, string error)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient();
        var machine = emulator.MachineClient;
        var (header, body) = authentication switch
        {
            "basic" => (Basic(machine.ClientId, machine.ClientSecret!), form),
            "basic-wrong-secret" => (Basic(machine.ClientId, "wrong"), form),
            "basic-and-post" => (Basic(machine.ClientId, machine.ClientSecret!), $"{form}&client_id={machine.ClientId}&client_secret={machine.ClientSecret}"),
            "user-client" => (Basic(emulator.ClientId, "none"), form),
            _ => ((AuthenticationHeaderValue?)null, form),
        };

        using var response = await PostAsync(http, emulator, header, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain(machine.ClientSecret!, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain", "grant_type=client_credentials")]
    [InlineData("application/x-www-form-urlencoded", null)]
    public async Task NotAFormOrOverTheFormLimits_InvalidRequest_NotAServerError(string contentType, string? form)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient();
        var body = form ?? "grant_type=client_credentials&" + string.Join('&', Enumerable.Range(0, 3000).Select(i => $"f{i}=x"));
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.TokenEndpoint) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Authorization = Basic(emulator.MachineClient.ClientId, emulator.MachineClient.ClientSecret!);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ClientWithoutTheFlowOrAPoolWithoutADomain_UnauthorizedClient()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        using var http = new HttpClient();
        var plain = await client.CallAsync("CreateUserPoolClient", new { UserPoolId = emulator.UserPoolId, ClientName = "no-oauth", GenerateSecret = true });
        var pool = await TestPool.CreateAsync(client, "no-domain");
        (await client.CallAsync("CreateResourceServer", new { UserPoolId = pool.PoolId, Identifier = "api", Name = "api", Scopes = new[] { new { ScopeName = "read", ScopeDescription = "Read" } } })).AssertOk();
        var machine = await client.CallAsync("CreateUserPoolClient", new { UserPoolId = pool.PoolId, ClientName = "m", GenerateSecret = true, AllowedOAuthFlows = new[] { "client_credentials" }, AllowedOAuthScopes = new[] { "api/read" }, AllowedOAuthFlowsUserPoolClient = true });

        using var noFlow = await PostAsync(http, emulator, Basic(plain.Get("UserPoolClient", "ClientId"), plain.Get("UserPoolClient", "ClientSecret")), "grant_type=client_credentials");
        using var noDomain = await PostAsync(http, emulator, Basic(machine.Get("UserPoolClient", "ClientId"), machine.Get("UserPoolClient", "ClientSecret")), "grant_type=client_credentials");
        (await client.CallAsync("CreateUserPoolDomain", new { UserPoolId = pool.PoolId, Domain = "machines" })).AssertOk();
        using var withDomain = await PostAsync(http, emulator, Basic(machine.Get("UserPoolClient", "ClientId"), machine.Get("UserPoolClient", "ClientSecret")), "grant_type=client_credentials");

        Assert.Equal("unauthorized_client", JsonDocument.Parse(await noFlow.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal("unauthorized_client", JsonDocument.Parse(await noDomain.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, withDomain.StatusCode);
        var token = JsonDocument.Parse(await withDomain.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        Assert.Equal($"{emulator.CognitoEndpoint.AbsoluteUri.TrimEnd('/')}/{pool.PoolId}", TokenForge.Payload(token)["iss"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_ListsTheTokenEndpoint_OnlyForAPoolWithADomain()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);

        using var reference = await client.GetAsync($"{emulator.UserPoolId}/.well-known/openid-configuration");
        using var other = await client.GetAsync($"{pool.PoolId}/.well-known/openid-configuration");

        Assert.Equal(emulator.TokenEndpoint.AbsoluteUri, JsonDocument.Parse(await reference.Content.ReadAsStringAsync()).RootElement.GetProperty("token_endpoint").GetString());
        Assert.False(JsonDocument.Parse(await other.Content.ReadAsStringAsync()).RootElement.TryGetProperty("token_endpoint", out _));
    }

    [Fact]
    public async Task DuendeIdentityModel_RequestClientCredentialsTokenAsync_GetsATokenTheScopedRouteTakes()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient();
        var discovery = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = emulator.Issuer,
            Policy = new DiscoveryPolicy { RequireHttps = false, ValidateEndpoints = false },
        });
        Assert.False(discovery.IsError, discovery.Error);

        var basic = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = emulator.MachineClient.ClientId,
            ClientSecret = emulator.MachineClient.ClientSecret,
            Scope = "cognito-auth-api/hello.read",
        });
        var post = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = emulator.TokenEndpoint.AbsoluteUri,
            ClientId = emulator.MachineClient.ClientId,
            ClientSecret = emulator.MachineClient.ClientSecret,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
        });
        var wrong = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = emulator.TokenEndpoint.AbsoluteUri,
            ClientId = emulator.MachineClient.ClientId,
            ClientSecret = "wrong",
        });

        Assert.False(basic.IsError, basic.Error);
        Assert.False(post.IsError, post.Error);
        Assert.Equal(3600, basic.ExpiresIn);
        Assert.Equal("Bearer", basic.TokenType);
        using var scoped = await GetAsync(http, emulator, "scoped/hello", basic.AccessToken!);
        Assert.Equal("Hello from a protected API!", await scoped.Content.ReadAsStringAsync());
        Assert.True(wrong.IsError);
        Assert.Equal("invalid_client", wrong.Error);
    }

    [Fact]
    public async Task Curl_TheFormsOfAwsDocs_AgainstBinLocal_GetATokenTheScopedRouteTakes()
    {
        Assert.True(File.Exists("/usr/bin/curl"), "curl is not installed (/usr/bin/curl)");
        var directory = Directory.CreateTempSubdirectory("bin-local-curl-").FullName;
        try
        {
            using var local = await BinLocalProcess.StartAsync(Path.Combine(directory, "outputs.json"), "--no-seed");
            var (id, secret, tokenEndpoint) = (local.Output("MachineClientId"), local.Output("MachineClientSecret"), local.Output("TokenEndpoint"));

            var basic = await RunCurlAsync("-s", "-u", $"{id}:{secret}", "-d", "grant_type=client_credentials", tokenEndpoint);
            var post = await RunCurlAsync("-s", "-X", "POST", tokenEndpoint, "-H", "Content-Type: application/x-www-form-urlencoded",
                "-d", $"grant_type=client_credentials&client_id={id}&client_secret={secret}&scope=cognito-auth-api/hello.read");
            var token = JsonDocument.Parse(basic).RootElement.GetProperty("access_token").GetString()!;
            var hello = await RunCurlAsync("-s", "-H", $"Authorization: Bearer {token}", local.Output("ApiUrl") + "scoped/hello");

            Assert.Equal("Bearer", JsonDocument.Parse(basic).RootElement.GetProperty("token_type").GetString());
            Assert.Equal("Bearer", JsonDocument.Parse(post).RootElement.GetProperty("token_type").GetString());
            Assert.Equal("Hello from a protected API!", hello);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    internal static async Task<string> RunCurlAsync(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("http_proxy");
        start.Environment.Remove("HTTP_PROXY");
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"curl exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    private static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, CognitoEmulator emulator, AuthenticationHeaderValue? authorization, string form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.TokenEndpoint)
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = authorization;
        return await http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, CognitoEmulator emulator, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.ApiUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task<string> KidAsync(HttpClient http, CognitoEmulator emulator) =>
        JsonDocument.Parse(await http.GetStringAsync(new Uri(emulator.CognitoEndpoint, $"{emulator.UserPoolId}/.well-known/jwks.json"))).RootElement.GetProperty("keys")[0].GetProperty("kid").GetString()!;
}

using System.Net;
using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CognitoAuth.Emulator.Tests.Hosting;

public sealed class CognitoEmulatorTests
{
    [Fact]
    public async Task StartAsync_Defaults_ExposesTheStackOnLoopbackWithContract2Outputs()
    {
        await using var emulator = await CognitoEmulator.StartAsync();

        Assert.Equal("127.0.0.1", emulator.CognitoEndpoint.Host);
        Assert.Equal("127.0.0.1", emulator.ApiUrl.Host);
        Assert.NotEqual(emulator.CognitoEndpoint.Port, emulator.ApiUrl.Port);
        Assert.Equal("ap-northeast-1", emulator.Region);
        Assert.Matches("^ap-northeast-1_[0-9A-Za-z]{9}$", emulator.UserPoolId);
        Assert.Matches("^[a-z0-9]{26}$", emulator.ClientId);
        Assert.Equal("AKIDLOCALCOGNITO", emulator.Credentials.AccessKeyId);
        Assert.Equal("local-cognito-secret", emulator.Credentials.SecretAccessKey);

        var outputs = JsonDocument.Parse(emulator.Outputs.ToJson()).RootElement;
        var stack = Assert.Single(outputs.EnumerateObject());
        Assert.Equal("CognitoAuthStack", stack.Name);
        Assert.Equal(["Region", "UserPoolId", "UserPoolClientId", "ApiUrl", "CognitoEndpoint", "MachineClientId", "TokenEndpoint", "MachineClientSecret"], stack.Value.EnumerateObject().Select(p => p.Name));
        Assert.Equal(emulator.MachineClient.ClientId, stack.Value.GetProperty("MachineClientId").GetString());
        Assert.Equal(emulator.MachineClient.ClientSecret, stack.Value.GetProperty("MachineClientSecret").GetString());
        Assert.Equal(new Uri(emulator.CognitoEndpoint, "oauth2/token").AbsoluteUri, stack.Value.GetProperty("TokenEndpoint").GetString());
        Assert.DoesNotContain(emulator.MachineClient.ClientSecret!, emulator.Outputs.ToString(), StringComparison.Ordinal);
        Assert.Equal(emulator.UserPoolId, stack.Value.GetProperty("UserPoolId").GetString());
        Assert.Equal(emulator.ClientId, stack.Value.GetProperty("UserPoolClientId").GetString());
        Assert.Equal(emulator.ApiUrl.AbsoluteUri, stack.Value.GetProperty("ApiUrl").GetString());
        Assert.EndsWith("/", stack.Value.GetProperty("ApiUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(emulator.CognitoEndpoint.AbsoluteUri, stack.Value.GetProperty("CognitoEndpoint").GetString());
    }

    [Fact]
    public async Task Outputs_WriteAsync_CreatesTheDirectoryAndWritesTheJson()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        var directory = Path.Combine(Path.GetTempPath(), $"emulator-outputs-{Guid.NewGuid():N}");
        var path = Path.Combine(directory, "nested", "outputs.json");
        try
        {
            await emulator.Outputs.WriteAsync(path);

            var written = JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;
            Assert.Equal(emulator.UserPoolId, written.GetProperty("CognitoAuthStack").GetProperty("UserPoolId").GetString());
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Counters_CountEveryRequestByOperationAndRoute_AndReset()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var tokens = await client.SignInSeedUserAsync();
        await client.RefreshAsync(tokens.RefreshToken!);
        await client.RefreshAsync("garbage");
        using var http = new HttpClient { BaseAddress = emulator.ApiUrl };
        await http.GetAsync("hello");
        await http.GetAsync("me");
        await http.GetAsync("nope");

        Assert.Equal(1, emulator.CognitoRequests["AdminInitiateAuth"]);
        Assert.Equal(1, emulator.CognitoRequests["AdminRespondToAuthChallenge"]);
        Assert.Equal(2, emulator.CognitoRequests["InitiateAuth"]);
        Assert.Equal(0, emulator.CognitoRequests["GlobalSignOut"]);
        Assert.Equal(4, emulator.CognitoRequests.Total);
        Assert.Equal(1, emulator.ApiRequests["GET /hello"]);
        Assert.Equal(1, emulator.ApiRequests["GET /me"]);
        Assert.Equal(2, emulator.ApiRequests.Total);
        Assert.Equal(3, emulator.CognitoRequests.Snapshot().Count);

        emulator.CognitoRequests.Reset();

        Assert.Equal(0, emulator.CognitoRequests.Total);
        Assert.Equal(2, emulator.ApiRequests.Total);
    }

    [Fact]
    public async Task SeedTestUser_Off_TheWalkthroughsUserDoesNotExist()
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SeedTestUser = false });
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = "testuser@example.com" });

        response.AssertError("UserNotFoundException");
    }

    [Fact]
    public async Task FixedIdsAndPorts_AreUsed()
    {
        var ports = FreePorts(2);
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions
        {
            UserPoolId = "ap-northeast-1_Fixed0001",
            ClientId = "fixedclientid",
            CognitoPort = ports[0],
            ApiPort = ports[1],
        });

        Assert.Equal("ap-northeast-1_Fixed0001", emulator.UserPoolId);
        Assert.Equal("fixedclientid", emulator.ClientId);
        Assert.Equal(ports[0], emulator.CognitoEndpoint.Port);
        Assert.Equal(ports[1], emulator.ApiUrl.Port);
    }

    [Fact]
    public async Task TwoEmulators_RunSideBySideWithSeparatePools()
    {
        await using var first = await CognitoEmulator.StartAsync();
        await using var second = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(first);

        var foreignPool = await client.CallAsync("AdminGetUser", new { UserPoolId = second.UserPoolId, Username = "testuser@example.com" });

        Assert.NotEqual(first.UserPoolId, second.UserPoolId);
        Assert.NotEqual(first.CognitoEndpoint, second.CognitoEndpoint);
        foreignPool.AssertError("ResourceNotFoundException");
    }

    [Fact]
    public async Task DisposeAsync_StopsBothServers()
    {
        var emulator = await CognitoEmulator.StartAsync();
        using var http = new HttpClient();

        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(emulator.CognitoEndpoint));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(emulator.ApiUrl));
    }

    [Theory]
    [InlineData(nameof(CognitoEmulatorOptions.CognitoPort))]
    [InlineData(nameof(CognitoEmulatorOptions.UserPoolId))]
    [InlineData(nameof(CognitoEmulatorOptions.AccessTokenLifetime))]
    [InlineData(nameof(CognitoEmulatorOptions.SessionLifetime))]
    [InlineData(nameof(CognitoEmulatorOptions.ClientId))]
    public async Task StartAsync_InvalidOption_FailsNamingIt(string key)
    {
        var options = new CognitoEmulatorOptions();
        switch (key)
        {
            case nameof(CognitoEmulatorOptions.CognitoPort): options.CognitoPort = 70000; break;
            case nameof(CognitoEmulatorOptions.UserPoolId): options.UserPoolId = "us-east-1_Wrong0001"; break;
            case nameof(CognitoEmulatorOptions.AccessTokenLifetime): options.AccessTokenLifetime = TimeSpan.Zero; break;
            case nameof(CognitoEmulatorOptions.SessionLifetime): options.SessionLifetime = TimeSpan.FromSeconds(-1); break;
            case nameof(CognitoEmulatorOptions.ClientId): options.ClientId = "has spaces"; break;
        }

        var error = await Assert.ThrowsAsync<ArgumentException>(() => CognitoEmulator.StartAsync(options));

        Assert.Contains($"CognitoEmulatorOptions.{key}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToString_OfEverythingHoldingASecret_RedactsIt()
    {
        var options = new CognitoEmulatorOptions();
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "confidential", GenerateSecret = true });
        await using var emulator = await CognitoEmulator.StartAsync(options);

        Assert.DoesNotContain("local-cognito-secret", emulator.Credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("local-cognito-secret", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.AdditionalClients[0].ClientSecret!, emulator.AdditionalClients[0].ToString(), StringComparison.Ordinal);
        Assert.Contains(emulator.AdditionalClients[0].ClientId, emulator.AdditionalClients[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InProcessHooks_CreateDisableEnableDeleteUsers()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var username = emulator.CreateUser("hook@example.com", "HookPass123!", permanent: true);
        var signIn = await client.AdminInitiateAuthAsync("hook@example.com", "HookPass123!");
        emulator.DisableUser("hook@example.com");
        var disabled = await client.AdminInitiateAuthAsync("hook@example.com", "HookPass123!");
        emulator.EnableUser(username);
        var enabled = await client.AdminInitiateAuthAsync("hook@example.com", "HookPass123!");
        emulator.DeleteUser(username);
        var missing = Assert.Throws<InvalidOperationException>(() => emulator.DeleteUser(username));
        var weak = Assert.Throws<InvalidOperationException>(() => emulator.CreateUser("weak@example.com", "weak"));

        Assert.True(Guid.TryParse(username, out _));
        Assert.NotNull(TokenSet.From(signIn).RefreshToken);
        disabled.AssertError("NotAuthorizedException", "User is disabled.");
        enabled.AssertOk();
        Assert.Equal("UserNotFoundException: User does not exist.", missing.Message);
        Assert.StartsWith("InvalidPasswordException: ", weak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_OfACompleteWalkthrough_NameOperationsButNoSecretTokenOrSession()
    {
        using var provider = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { LoggerFactory = loggerFactory });
        using var client = new CognitoTestClient(emulator);
        var challenge = await client.AdminInitiateAuthAsync("testuser@example.com", "TempPass123!");
        var session = challenge.Get("Session");
        var tokens = TokenSet.From(await client.RespondNewPasswordAsync(session, "testuser@example.com", "NewSecurePass123!"));
        await client.RefreshAsync(tokens.RefreshToken!);
        await client.RefreshAsync("garbage-refresh-token");
        using var http = new HttpClient { BaseAddress = emulator.ApiUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "hello");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + tokens.AccessToken);
        await http.SendAsync(request);
        await http.GetAsync("hello");

        var records = provider.Collector.GetSnapshot();
        var text = string.Join('\n', records.Select(r => r.Message + " " + string.Join(' ', r.StructuredState?.Select(s => s.Value) ?? [])));

        Assert.Contains(records, r => r.Message.Contains("AdminRespondToAuthChallenge answered 200", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("GET /hello answered 200", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("refused by the JWT authorizer", StringComparison.Ordinal));
        foreach (var secret in new[] { "TempPass123!", "NewSecurePass123!", session, tokens.AccessToken, tokens.IdToken, tokens.RefreshToken!, "garbage-refresh-token", "local-cognito-secret" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}

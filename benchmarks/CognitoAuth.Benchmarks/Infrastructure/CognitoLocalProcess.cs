using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>
/// cognito-local 5.3.0 (tools/cognito-local) in its own node process on a loopback port, in a temporary folder, with one
/// pool, one app client and one confirmed user: the peer the emulator is compared with.
/// </summary>
internal sealed class CognitoLocalProcess : IAsyncDisposable
{
    public const string Username = "bench-user@example.com";
    public const string Password = "BenchPass123!";

    private readonly string _workDir = Directory.CreateTempSubdirectory("cognito-local-bench-").FullName;
    private readonly HttpClient _http = new();
    private Process? _process;

    public Uri Endpoint { get; private set; } = null!;

    public string UserPoolId { get; private set; } = null!;

    public string ClientId { get; private set; } = null!;

    public static async Task<CognitoLocalProcess> StartAsync()
    {
        var server = new CognitoLocalProcess();
        await server.StartProcessAsync();
        await server.CreateUserAsync();
        return server;
    }

    /// <summary>Calls an operation with a JSON body; returns the response.</summary>
    public async Task<JsonNode> CallAsync(string operation, object request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8) };
        message.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        message.Headers.Add("X-Amz-Target", $"AWSCognitoIdentityProviderService.{operation}");
        using var response = await _http.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(body) ?? new JsonObject()
            : throw new InvalidOperationException($"cognito-local {operation} answered {(int)response.StatusCode}: {body}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartProcessAsync()
    {
        if (!File.Exists(BenchPaths.CognitoLocal))
        {
            throw new InvalidOperationException($"cognito-local is not installed at {BenchPaths.CognitoLocal}: bin/bench runs npm ci in tools/cognito-local.");
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("node", [BenchPaths.CognitoLocal]) { WorkingDirectory = _workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["NODE_NO_WARNINGS"] = "1";
        // Its request log would cost it time the emulator does not spend.
        start.Environment["DEBUG"] = "";
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (attempt < 300 && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private async Task CreateUserAsync()
    {
        var pool = await CallAsync("CreateUserPool", new { PoolName = "bench", UsernameAttributes = new[] { "email" } });
        UserPoolId = pool["UserPool"]!["Id"]!.GetValue<string>();
        var client = await CallAsync("CreateUserPoolClient", new
        {
            UserPoolId,
            ClientName = "bench-client",
            ExplicitAuthFlows = new[] { "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        });
        ClientId = client["UserPoolClient"]!["ClientId"]!.GetValue<string>();
        await CallAsync("AdminCreateUser", new
        {
            UserPoolId,
            Username,
            TemporaryPassword = "TempPass123!",
            MessageAction = "SUPPRESS",
            UserAttributes = new[] { new { Name = "email", Value = Username }, new { Name = "email_verified", Value = "true" } },
        });
        await CallAsync("AdminSetUserPassword", new { UserPoolId, Username, Password, Permanent = true });
    }
}

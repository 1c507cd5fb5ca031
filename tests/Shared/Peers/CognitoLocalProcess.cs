using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoAuth.Testing.Peers;

/// <summary>
/// cognito-local (npm, pinned in tools/cognito-local), a Cognito emulator written by others, in its own node process on a
/// free loopback port and a temporary folder; stopped and cleaned up on dispose. It checks no SigV4 signature and has no
/// admin challenge flow. Shared by the compatibility tests and the benchmarks that compare the emulator with it.
/// </summary>
internal sealed class CognitoLocalProcess : IAsyncDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("cognito-local-").FullName;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http = new();
    private Process? _process;

    private CognitoLocalProcess()
    {
    }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>What the process printed, for a failure message (empty when started <c>quiet</c>).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts cognito-local; <paramref name="quiet"/> turns its request log off (it costs it time under load).</summary>
    public static async Task<CognitoLocalProcess> StartAsync(bool quiet = false)
    {
        var server = new CognitoLocalProcess();
        try
        {
            await server.StartProcessAsync(quiet);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls an operation directly (setup the client does not offer: pools, app clients, permanent passwords).</summary>
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

    /// <summary>A pool that signs in by e-mail, and an app client allowing the flows the client uses.</summary>
    public async Task<(string PoolId, string ClientId)> CreatePoolAndClientAsync(string name)
    {
        var pool = await CallAsync("CreateUserPool", new { PoolName = name, UsernameAttributes = new[] { "email" } });
        var poolId = pool["UserPool"]!["Id"]!.GetValue<string>();
        var client = await CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = poolId,
            ClientName = $"{name}-client",
            ExplicitAuthFlows = new[] { "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        });
        return (poolId, client["UserPoolClient"]!["ClientId"]!.GetValue<string>());
    }

    /// <summary>A user with a permanent password (status CONFIRMED), its e-mail verified.</summary>
    public async Task CreateConfirmedUserAsync(string poolId, string email, string password)
    {
        await CallAsync("AdminCreateUser", new
        {
            UserPoolId = poolId,
            Username = email,
            TemporaryPassword = "TempPass123!",
            MessageAction = "SUPPRESS",
            UserAttributes = new[] { new { Name = "email", Value = email }, new { Name = "email_verified", Value = "true" } },
        });
        await CallAsync("AdminSetUserPassword", new { UserPoolId = poolId, Username = email, Password = password, Permanent = true });
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

    private async Task StartProcessAsync(bool quiet)
    {
        var entryPoint = Path.Combine(RepositoryRoot.Path, "tools", "cognito-local", "node_modules", "cognito-local", "lib", "bin", "start.js");
        if (!File.Exists(entryPoint))
        {
            throw new InvalidOperationException($"cognito-local is not installed at {entryPoint}: bin/test and bin/bench run npm ci in tools/cognito-local.");
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("node", [entryPoint])
        {
            WorkingDirectory = _workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["NODE_NO_WARNINGS"] = "1";
        if (quiet)
        {
            start.Environment["DEBUG"] = "";
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _process.OutputDataReceived += (_, e) => Record(quiet ? null : e.Data);
        _process.ErrorDataReceived += (_, e) => Record(quiet ? null : e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                return;
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException)
            {
                if (deadline.IsCancellationRequested || _process.HasExited)
                {
                    throw new InvalidOperationException($"cognito-local did not start on port {port}: {Output}", exception);
                }

                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

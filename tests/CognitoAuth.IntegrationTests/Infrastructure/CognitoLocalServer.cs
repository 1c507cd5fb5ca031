using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>
/// cognito-local (npm, pinned in tools/cognito-local), a Cognito emulator written by others, run on a loopback port in a
/// temporary folder and stopped with the fixture. It checks no signatures and has no admin challenge flow.
/// </summary>
public sealed class CognitoLocalServer : IAsyncLifetime
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("cognito-local-").FullName;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http = new();
    private Process? _process;

    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var package = Path.Combine(RepositoryRoot.Path, "tools", "cognito-local", "node_modules", "cognito-local", "lib", "bin", "start.js");
        if (!File.Exists(package))
        {
            throw new InvalidOperationException($"cognito-local is not installed at {package}: run bin/test (it runs npm ci in tools/cognito-local).");
        }

        var port = FreePort.Next();
        var start = new ProcessStartInfo("node", [package])
        {
            WorkingDirectory = _workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["NODE_NO_WARNINGS"] = "1";
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            await FreePort.WaitUntilListeningAsync(port, () => !_process.HasExited, TimeSpan.FromSeconds(30));
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"cognito-local did not start on port {port}: {Output}", exception);
        }

        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

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

    /// <summary>Calls an operation directly (setup steps the client does not offer: pools, app clients, permanent passwords).</summary>
    public async Task<JsonNode> CallAsync(string operation, object request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        message.Content.Headers.ContentType!.CharSet = null;
        message.Headers.Add("X-Amz-Target", $"AWSCognitoIdentityProviderService.{operation}");
        using var response = await _http.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"cognito-local {operation} answered {(int)response.StatusCode}: {body}");
        }

        return JsonNode.Parse(body) ?? new JsonObject();
    }

    /// <summary>A pool that signs in by e-mail, and an app client allowing the flows the client uses.</summary>
    public async Task<(string PoolId, string ClientId)> CreatePoolAndClientAsync()
    {
        var pool = await CallAsync("CreateUserPool", new { PoolName = "compat", UsernameAttributes = new[] { "email" } });
        var poolId = pool["UserPool"]!["Id"]!.GetValue<string>();
        var client = await CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = poolId,
            ClientName = "compat-client",
            ExplicitAuthFlows = new[] { "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        });
        return (poolId, client["UserPoolClient"]!["ClientId"]!.GetValue<string>());
    }

    public async Task DisposeAsync()
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

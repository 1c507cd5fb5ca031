using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace CognitoAuth.Client.Redis.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, without persistence, for the whole test collection (or one test that
/// stops and restarts it); stopped at the end. bin/test installs redis-server when it is missing.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private readonly string _workDir = Directory.CreateTempSubdirectory("cognitoauth-redis-").FullName;
    private Process? _process;
    private int _port;

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration { get; private set; } = null!;

    /// <summary>The test's own connection to this server (it reconnects by itself after a restart).</summary>
    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _port = FreePort();
        Configuration = $"127.0.0.1:{_port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return StartAsync();
    }

    /// <summary>Starts redis-server (again, after <see cref="StopAsync"/>) on the same port, empty, and waits until it answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("redis-server", ["--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _workDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("redis-server is not installed: run bin/test, which installs it (apt-get install redis-server).", exception);
        }

        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // Admin commands (CLIENT LIST) for the tests that look at who is connected.
                Connection ??= await ConnectionMultiplexer.ConnectAsync(Configuration + ",allowAdmin=true");
                await Connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (attempt < 100 && !_process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (RedisConnectionException exception)
            {
                throw new InvalidOperationException($"redis-server did not answer on port {_port}: {Output}", exception);
            }
        }
    }

    /// <summary>Kills redis-server, as a crash or a lost network would: every connection drops and its keys are gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
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

    /// <summary>Every key under <paramref name="prefix"/>.</summary>
    public string[] Keys(string prefix) =>
        Connection.GetServer(Configuration).Keys(pattern: prefix + "*").Select(k => (string)k!).Order(StringComparer.Ordinal).ToArray();

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        await StopAsync();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

/// <summary>One redis-server for every test class that needs it.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}

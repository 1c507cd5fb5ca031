using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary><c>bin/local</c> in its own process, on free ports, with its outputs file; killed (tree) on dispose if still running.</summary>
internal sealed class BinLocalProcess : IDisposable
{
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();

    private BinLocalProcess(Process process, string outputsPath)
    {
        Process = process;
        OutputsPath = outputsPath;
    }

    public Process Process { get; }

    public string OutputsPath { get; }

    public JsonElement Stack { get; private set; }

    /// <summary>What bin/local printed so far (the banner: outputs, credentials, notes).</summary>
    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts bin/local with free ports and the given extra arguments, and waits for its outputs file.</summary>
    public static async Task<BinLocalProcess> StartAsync(string outputsPath, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "bin", "local"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in (string[])["--cognito-port", "0", "--api-port", "0", "--outputs", outputsPath, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var local = new BinLocalProcess(Process.Start(start)!, outputsPath);
        local.Process.OutputDataReceived += (_, e) =>
        {
            lock (local._stdout)
            {
                local._stdout.AppendLine(e.Data);
            }
        };
        local.Process.ErrorDataReceived += (_, e) =>
        {
            lock (local._stderr)
            {
                local._stderr.AppendLine(e.Data);
            }
        };
        local.Process.BeginOutputReadLine();
        local.Process.BeginErrorReadLine();

        // bin/local builds first when the emulator is missing or stale, hence the generous bound.
        var deadline = DateTimeOffset.UtcNow.AddMinutes(4);
        while (!File.Exists(outputsPath) && !local.Process.HasExited && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(File.Exists(outputsPath), $"bin/local wrote no outputs (exited: {local.Process.HasExited}); stderr: {local.Stderr}");
        local.Stack = JsonDocument.Parse(await File.ReadAllTextAsync(outputsPath)).RootElement.GetProperty("CognitoAuthStack");
        return local;
    }

    public string Output(string name) => Stack.GetProperty(name).GetString()!;

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }
}

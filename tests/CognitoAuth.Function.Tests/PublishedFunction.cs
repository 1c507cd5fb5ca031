using System.Diagnostics;
using CognitoAuth.Testing;

namespace CognitoAuth.Function.Tests;

/// <summary>
/// Publishes the function exactly as the stack deploys it (linux-x64, framework-dependent, ReadyToRun) into a
/// temporary folder, once for the test class. Build output goes to its own artifacts path, so the publish touches
/// nothing of the solution's build, and build servers are disabled so no process outlives the tests.
/// </summary>
public sealed class PublishedFunction : IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cognitoauth-function-publish-" + Guid.NewGuid().ToString("N"));

    public PublishedFunction()
    {
        Folder = Path.Combine(_root, "publish");
        var project = Path.Combine(RepositoryRoot.Path, "src", "CognitoAuth.Function", "CognitoAuth.Function.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
                "-p:PublishReadyToRun=true", "-o", Folder, "--artifacts-path", Path.Combine(_root, "artifacts"),
                "--disable-build-servers", "--nologo", "-v:quiet",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host's own MSBuild settings must not leak into the child build.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(PublishTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish did not finish within {PublishTimeout}.");
        }

        ExitCode = process.ExitCode;
        Output = stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult();
    }

    public string Folder { get; }

    public int ExitCode { get; }

    public string Output { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

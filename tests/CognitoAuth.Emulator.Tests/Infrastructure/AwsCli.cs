using System.Diagnostics;
using System.Text.Json;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>
/// Runs the real AWS CLI v2 (<c>/usr/bin/aws</c>; the <c>aws</c> on PATH may be something else) against an emulator,
/// with the emulator's credentials and empty config files so nothing from the machine leaks in.
/// </summary>
internal sealed class AwsCli : IDisposable
{
    public const string Path = "/usr/bin/aws";

    private readonly string _emptyFile = System.IO.Path.GetTempFileName();

    public Task<AwsCliResult> RunAsync(CognitoEmulator emulator, IEnumerable<string> arguments, string? secretAccessKey = null) =>
        RunAsync(emulator.CognitoEndpoint, emulator.Region, emulator.Credentials.AccessKeyId, secretAccessKey ?? emulator.Credentials.SecretAccessKey, arguments);

    /// <summary>Runs the CLI against any Cognito endpoint (e.g. <c>bin/local</c>'s), with those credentials.</summary>
    public async Task<AwsCliResult> RunAsync(Uri endpoint, string region, string accessKeyId, string secretAccessKey, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.AbsoluteUri);
        start.ArgumentList.Add("--region");
        start.ArgumentList.Add(region);

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("PYTHON", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        start.Environment["AWS_CONFIG_FILE"] = _emptyFile;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = _emptyFile;
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new AwsCliResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => File.Delete(_emptyFile);
}

internal sealed record AwsCliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json
    {
        get
        {
            Assert.True(ExitCode == 0, $"aws exited {ExitCode}: {Stderr}");
            return JsonDocument.Parse(Stdout).RootElement;
        }
    }
}

/// <summary>A fact that runs the real AWS CLI; skipped with the reason when it is not installed.</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (!File.Exists(AwsCli.Path))
        {
            Skip = $"The real AWS CLI v2 ({AwsCli.Path}) is not installed; bin/test installs it (apt-get install awscli).";
        }
    }
}

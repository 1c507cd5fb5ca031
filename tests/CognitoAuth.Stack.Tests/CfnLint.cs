using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CognitoAuth.Stack.Tests;

/// <summary>
/// AWS's CloudFormation linter (<c>cfn-lint</c>, installed in the image's Python), run on a template file with its JSON
/// output parsed. It checks every property against CloudFormation's resource schemas for the region.
/// </summary>
internal static class CfnLint
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>One finding: its level (<c>Error</c>, <c>Warning</c>, <c>Informational</c>), rule id, message and template path.</summary>
    public sealed record Finding(string Level, string RuleId, string Message, IReadOnlyList<string> Path)
    {
        public override string ToString() => $"{Level} {RuleId} at {string.Join('/', Path)}: {Message}";
    }

    /// <summary>The findings for <paramref name="templatePath"/> in <paramref name="region"/>.</summary>
    public static IReadOnlyList<Finding> Run(string templatePath, string region)
    {
        var executable = Executable()
            ?? throw new InvalidOperationException("cfn-lint is not on PATH. Install it into the Python on PATH (pip install cfn-lint); the stack tests lint every synthesized template.");
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--format", "json", "--regions", region, "--", templatePath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cfn-lint did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cfn-lint did not finish within {Timeout}.");
        }

        // Exit codes are a bit mask of the levels found (2 error, 4 warning, 8 informational); 1 means cfn-lint itself failed.
        var output = stdout.GetAwaiter().GetResult();
        if ((process.ExitCode & 1) != 0 || output.Length == 0)
        {
            throw new InvalidOperationException($"cfn-lint failed (exit {process.ExitCode}): {stderr.GetAwaiter().GetResult()}{output}");
        }

        return [.. JsonNode.Parse(output)!.AsArray().Select(f => new Finding(
            f!["Level"]!.GetValue<string>(),
            f["Rule"]!["Id"]!.GetValue<string>(),
            f["Message"]!.GetValue<string>(),
            [.. f["Location"]!["Path"]!.AsArray().Select(p => p!.ToString())]))];
    }

    /// <summary>The <c>cfn-lint</c> on PATH (a pyenv shim, a venv's bin, /usr/local/bin), or <see langword="null"/>.</summary>
    private static string? Executable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "cfn-lint.exe" : "cfn-lint"))
            .FirstOrDefault(File.Exists);
}

using System.Diagnostics;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Templates;

/// <summary><c>bin/local --template</c> with a template it cannot deploy: one line on stderr naming what is wrong, exit 1.</summary>
public sealed class BinLocalTemplateTests : IDisposable
{
    private readonly TemplateFolder _folder = new();

    [Theory]
    [InlineData("{\"Resources\": {", "is not valid JSON")]
    [InlineData("Resources:\n  Client:\n    Type: AWS::Cognito::UserPoolClient\n    Properties: { UserPoolId: !Ref Nowhere }\n", "error: Resources.Client.Properties.UserPoolId: Ref to 'Nowhere'")]
    [InlineData("Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties: { UserPoolName: !ImportValue Shared }\n", "error: Resources.Pool.Properties.UserPoolName: Fn::ImportValue is not supported")]
    [InlineData("Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties: { UsernameAttributes: email }\n", "error: Resources.Pool.Properties.UsernameAttributes: must be a list, not a string.")]
    public async Task BinLocal_TemplateItCannotDeploy_ExitsOneWithOneLineAndNoStackTrace(string template, string expected)
    {
        var outputs = Path.Combine(_folder.Path, "outputs.json");
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "bin", "local"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in new[] { "--cognito-port", "0", "--api-port", "0", "--outputs", outputs, "--template", _folder.Write("bad.yaml", template) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);

        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("==>", StringComparison.Ordinal)).ToList();
        Assert.Equal(1, process.ExitCode);
        Assert.Contains(expected, Assert.Single(lines), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outputs));
    }

    public void Dispose() => _folder.Dispose();
}

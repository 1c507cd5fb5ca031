using System.Diagnostics;
using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Peers;

/// <summary>
/// The AWS SDK for JavaScript v3 (pinned in tools/aws-sdk-js), written by others, runs a team's realistic test setup
/// end to end against bin/local, unchanged from how it would run against AWS (tools/aws-sdk-js/team-setup.mjs).
/// </summary>
public sealed class AwsSdkJsTests : IDisposable
{
    private static readonly string ToolDirectory = Path.Combine(RepositoryRoot.Path, "tools", "aws-sdk-js");
    private readonly string _directory = Directory.CreateTempSubdirectory("aws-sdk-js-").FullName;

    [Fact]
    public async Task TeamSetup_CreatePoolSignUpConfirmSignInGroupsResetSignOutDelete_AgainstBinLocal()
    {
        Assert.True(Directory.Exists(Path.Combine(ToolDirectory, "node_modules", "@aws-sdk", "client-cognito-identity-provider")),
            "tools/aws-sdk-js is not installed: run bin/test (or npm ci in tools/aws-sdk-js)");
        using var local = await BinLocalProcess.StartAsync(Path.Combine(_directory, "outputs.json"), "--no-seed");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = ToolDirectory };
        start.ArgumentList.Add("team-setup.mjs");
        start.ArgumentList.Add(local.OutputsPath);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = CognitoEmulatorOptions.DefaultAccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = CognitoEmulatorOptions.DefaultSecretAccessKey;
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(_directory, "none");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_directory, "none");

        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);

        Assert.True(node.ExitCode == 0, $"team-setup.mjs exited {node.ExitCode}: {await stderr}");
        var seen = JsonDocument.Parse(await stdout).RootElement;
        Assert.Equal("User is not confirmed.", seen.GetProperty("unconfirmed").GetString());
        Assert.Equal(["editors"], seen.GetProperty("accessGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("Incorrect username or password.", seen.GetProperty("oldPassword").GetString());
        Assert.Equal("Refresh Token has been revoked", seen.GetProperty("afterSignOut").GetString());
        Assert.StartsWith("User pool ap-northeast-1_", seen.GetProperty("afterDelete").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

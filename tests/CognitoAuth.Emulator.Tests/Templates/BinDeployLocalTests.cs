using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Reference;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Templates;

/// <summary>
/// Contract 6's scripts as a user runs them: <c>bin/deploy --local</c> (the synth, unless cdk.out is fresh, then
/// <c>bin/local --template cdk.out/CognitoAuthStack.template.json</c>), the walkthrough with the real AWS CLI against the
/// outputs file it writes, and <c>bin/destroy --local</c>, which stops it.
/// </summary>
public sealed class BinDeployLocalTests : IDisposable
{
    private static readonly SeedUser User = ReferenceStack.TestUser;

    /// <summary>The local credentials bin/local signs with unless told otherwise (Contract 4).</summary>
    private static readonly CognitoEmulatorOptions Defaults = new();

    private readonly TemplateFolder _folder = new();

    [AwsCliFact]
    public async Task BinDeployLocal_WalkthroughWithTheAwsCli_ThenBinDestroyLocalStopsIt()
    {
        var outputsPath = Path.Combine(_folder.Path, "outputs.json");
        using var deploy = Start("deploy", "--local", "--cognito-port", "0", "--api-port", "0", "--outputs", outputsPath);
        try
        {
            // A cold synth publishes the function and runs the CDK app under jsii: minutes on a loaded machine.
            var deadline = DateTimeOffset.UtcNow.AddMinutes(10);
            while (!File.Exists(outputsPath) && !deploy.Process.HasExited && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            Assert.True(File.Exists(outputsPath), $"bin/deploy --local wrote no outputs (exited: {deploy.Process.HasExited}); stderr: {deploy.Stderr}");
            var stack = JsonDocument.Parse(await File.ReadAllTextAsync(outputsPath)).RootElement.GetProperty(ReferenceStack.StackName);
            string Output(string name) => stack.GetProperty(name).GetString()!;

            // As on AWS, nothing is seeded: the walkthrough's user is created with the CLI, then the seed flow.
            using var aws = new AwsCli();
            var endpoint = new Uri(Output(StackOutputs.CognitoEndpoint));
            var region = Output(StackOutputs.Region);
            var pool = Output(StackOutputs.UserPoolId);
            var client = Output(StackOutputs.UserPoolClientId);
            _ = (await aws.RunAsync(endpoint, region, Defaults.AccessKeyId, Defaults.SecretAccessKey, [
                "cognito-idp", "admin-create-user", "--user-pool-id", pool, "--username", User.Username,
                "--temporary-password", User.TemporaryPassword, "--message-action", "SUPPRESS"])).Json;
            var challenge = (await aws.RunAsync(endpoint, region, Defaults.AccessKeyId, Defaults.SecretAccessKey, [
                "cognito-idp", "admin-initiate-auth", "--user-pool-id", pool, "--client-id", client, "--auth-flow", "ADMIN_USER_PASSWORD_AUTH",
                "--auth-parameters", $"USERNAME={User.Username},PASSWORD={User.TemporaryPassword}"])).Json;
            Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.GetProperty("ChallengeName").GetString());
            var answered = (await aws.RunAsync(endpoint, region, Defaults.AccessKeyId, Defaults.SecretAccessKey, [
                "cognito-idp", "admin-respond-to-auth-challenge", "--user-pool-id", pool, "--client-id", client,
                "--challenge-name", "NEW_PASSWORD_REQUIRED", "--session=" + challenge.GetProperty("Session").GetString(),
                "--challenge-responses", $"USERNAME={User.Username},NEW_PASSWORD={User.NewPassword}"])).Json;
            var accessToken = answered.GetProperty("AuthenticationResult").GetProperty("AccessToken").GetString()!;

            var apiUrl = new Uri(Output(StackOutputs.ApiUrl));
            using (var http = new HttpClient())
            using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(apiUrl, "hello")))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                using var hello = await http.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
                Assert.Equal("Hello from a protected API!", await hello.Content.ReadAsStringAsync());
            }

            using var destroy = Start("destroy", "--local");
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await destroy.Process.WaitForExitAsync(timeout.Token);
                await deploy.Process.WaitForExitAsync(timeout.Token);
            }

            Assert.True(destroy.Process.ExitCode == 0, destroy.Stderr);
            Assert.Contains("Stopped.", destroy.Stdout, StringComparison.Ordinal);
            Assert.Equal(0, deploy.Process.ExitCode);
            Assert.False(File.Exists(outputsPath), "bin/destroy --local leaves the outputs of a stack that is gone");
            Assert.False(File.Exists(Path.Combine(RepositoryRoot.Path, "artifacts", "local", "deploy.pid")));
            using var probe = new TcpClient();
            await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, apiUrl.Port));
        }
        finally
        {
            deploy.Stop();
        }
    }

    public void Dispose() => _folder.Dispose();

    private static ScriptProcess Start(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "bin", script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ScriptProcess(Process.Start(start)!);
    }

    /// <summary>A script's process with what it printed; killed (tree) by <see cref="Stop"/> if still running.</summary>
    private sealed class ScriptProcess : IDisposable
    {
        private readonly StringBuilder _stdout = new();
        private readonly StringBuilder _stderr = new();

        public ScriptProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
            process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Stdout => Read(_stdout);

        public string Stderr => Read(_stderr);

        public void Stop()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }
        }

        public void Dispose()
        {
            Stop();
            Process.Dispose();
        }

        private static void Append(StringBuilder text, string? line)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }

        private static string Read(StringBuilder text)
        {
            lock (text)
            {
                return text.ToString();
            }
        }
    }
}

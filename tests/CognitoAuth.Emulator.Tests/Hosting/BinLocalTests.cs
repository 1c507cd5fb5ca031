using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Hosting;

/// <summary><c>bin/local</c> itself (Contract 4): starts on free ports, writes the outputs file, serves, and stops on SIGTERM with exit 0.</summary>
public sealed class BinLocalTests
{
    [Fact]
    public async Task BinLocal_FreePorts_WritesOutputsServesTheSeededStackAndExitsZeroOnSigterm()
    {
        var root = RepositoryRoot.Path;
        var directory = Path.Combine(Path.GetTempPath(), $"bin-local-{Guid.NewGuid():N}");
        var outputsPath = Path.Combine(directory, "outputs.json");
        var start = new ProcessStartInfo(Path.Combine(root, "bin", "local"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var argument in new[] { "--cognito-port", "0", "--api-port", "0", "--outputs", outputsPath })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (stdout) { stdout.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // bin/local builds first when the emulator is missing or stale, hence the generous bound.
            var deadline = DateTime.UtcNow.AddMinutes(4);
            while (!File.Exists(outputsPath) && !process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.True(File.Exists(outputsPath), $"no outputs file; exited: {process.HasExited}; stderr: {stderr}");
            var stack = JsonDocument.Parse(await File.ReadAllTextAsync(outputsPath)).RootElement.GetProperty("CognitoAuthStack");
            var apiUrl = new Uri(stack.GetProperty("ApiUrl").GetString()!);
            var cognitoEndpoint = new Uri(stack.GetProperty("CognitoEndpoint").GetString()!);

            using var http = new HttpClient();
            using var unauthorized = await http.GetAsync(new Uri(apiUrl, "hello"));
            using var content = new StringContent(JsonSerializer.Serialize(new
            {
                ClientId = stack.GetProperty("UserPoolClientId").GetString(),
                AuthFlow = "USER_PASSWORD_AUTH",
                AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["PASSWORD"] = "TempPass123!" },
            }));
            content.Headers.ContentType = new("application/x-amz-json-1.1");
            using var signIn = new HttpRequestMessage(HttpMethod.Post, cognitoEndpoint) { Content = content };
            signIn.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth");
            using var challenge = await http.SendAsync(signIn);

            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
            Assert.Contains("NEW_PASSWORD_REQUIRED", await challenge.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            lock (stdout)
            {
                Assert.Contains("export AWS_ACCESS_KEY_ID=AKIDLOCALCOGNITO", stdout.ToString(), StringComparison.Ordinal);
                Assert.Contains("export AWS_SECRET_ACCESS_KEY=local-cognito-secret", stdout.ToString(), StringComparison.Ordinal);
                Assert.Contains("\"CognitoAuthStack\"", stdout.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("61")]
    [InlineData("ten")]
    [InlineData("-5")]
    public async Task BinLocal_RefreshTokenGraceOutOfRange_ExitsOneSayingWhatIsAllowed(string seconds)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "bin", "local"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in new[] { "--cognito-port", "0", "--api-port", "0", "--outputs", Path.Combine(Path.GetTempPath(), $"never-{Guid.NewGuid():N}.json"), "--refresh-token-rotation", "--refresh-token-grace", seconds })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains($"--refresh-token-grace must be a whole number of seconds from 0 to 60, not '{seconds}'.", await stderr, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using CognitoAuth.Reference;
using CognitoAuth.Testing;
using Xunit.Abstractions;

namespace CognitoAuth.Emulator.Tests.Browser;

/// <summary>
/// The sample CLI's interactive sign-in end to end, as a person does it: <c>cognito-sample login</c> opens the emulator's
/// managed login through <c>BROWSER</c> — here headless Chromium driven by playwright-core, standing in for the person — the
/// seed user signs in with the temporary password and the new-password page, the CLI receives the code on its loopback
/// redirect (<c>localhost:8400</c>) and keeps the tokens in its file cache; <c>hello</c> then works without a password;
/// <c>logout</c> ends it.
/// </summary>
[Collection(Port8400Collection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SampleLoginBrowserTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string ToolDirectory = Path.Combine(RepositoryRoot.Path, "tools", "playwright");
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cognitoauth-sample-login-");

    [Fact]
    public async Task SampleLogin_ChromiumSignsInThroughTheManagedLogin_ThenHelloWorksWithoutAPassword_ThenLogout()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Debian's chromium is not installed: run bin/test (bin/lib/prereqs.sh installs it), or apt-get install chromium");
        Assert.True(File.Exists(Path.Combine(ToolDirectory, "node_modules", "playwright-core", "package.json")),
            "tools/playwright is not installed: run bin/test (or npm ci in tools/playwright)");
        var sample = Path.Combine(RepositoryRoot.Path, "samples", "CognitoAuth.Sample", "bin", "Release", "net10.0", "cognito-sample");
        Assert.True(File.Exists(sample), $"The sample is not built at {sample}: build the solution in Release (bin/test does).");

        await using var emulator = await CognitoEmulator.StartAsync();
        var outputs = Path.Combine(_work.FullName, "outputs.json");
        await emulator.Outputs.WriteAsync(outputs);
        var cache = Path.Combine(_work.FullName, "cache", "tokens.json");
        var browser = Path.Combine(_work.FullName, "browser");
        await File.WriteAllTextAsync(browser, $"#!/bin/sh\ncd '{ToolDirectory}' && exec node sign-in-for-cli.mjs \"$1\"\n");
        File.SetUnixFileMode(browser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var seed = ReferenceStack.TestUser;
        var person = new JsonObject { ["username"] = seed.Username, ["password"] = seed.TemporaryPassword, ["newPassword"] = seed.NewPassword }.ToJsonString();

        var started = Stopwatch.StartNew();
        var login = await RunAsync(sample, ["login", "--outputs", outputs, "--token-cache", cache], browser, person);
        output.WriteLine($"login (Chromium through the managed login): {started.Elapsed.TotalSeconds:F1} s");
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("Signed in as", login.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache));

        // No password anywhere: the sample's appsettings keys are dropped for this flow, and none is in the environment.
        var hello = await RunAsync(sample, ["hello", "--flow", "AuthorizationCode", "--quiet", "--outputs", outputs, "--token-cache", cache], browser, person: null);
        Assert.True(hello.ExitCode == 0, hello.ToString());
        Assert.Equal("Hello from a protected API!", hello.StandardOutput.Trim());
        Assert.Equal(0, emulator.CognitoRequests["InitiateAuth"] + emulator.CognitoRequests["AdminInitiateAuth"]);

        var logout = await RunAsync(sample, ["logout", "--outputs", outputs, "--token-cache", cache], browser, person: null);
        Assert.True(logout.ExitCode == 0, logout.ToString());
        Assert.DoesNotContain("eyJ", await File.ReadAllTextAsync(cache), StringComparison.Ordinal);
        Assert.DoesNotContain(seed.NewPassword, login.ToString() + hello + logout, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<Run> RunAsync(string sample, string[] arguments, string browser, string? person)
    {
        var start = new ProcessStartInfo(sample) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("CognitoAuth__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["BROWSER"] = browser;
        start.Environment["COGNITO_SIGN_IN"] = person;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cognito-sample {arguments[0]} did not finish in 3 minutes: {await stderr}");
        }

        return new Run(process.ExitCode, await stdout, await stderr);
    }

    private sealed record Run(int ExitCode, string StandardOutput, string StandardError)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
    }
}

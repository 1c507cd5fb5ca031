using System.Collections.ObjectModel;
using System.Text.RegularExpressions;
using CognitoAuth.Emulator;
using CognitoAuth.Reference;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>
/// A program a user writes against the packed packages: its own folder outside this repository (no Directory.Build.props
/// or central package versions of ours apply), a nuget.config that reaches only the packed feed and nuget.org, a project
/// file and a Program.cs. It is built with the dotnet CLI and run with the walkthrough's configuration in environment
/// variables, as a user's deployment would pass it.
/// </summary>
internal sealed partial class ConsumerApp
{
    /// <summary>The dotnet CLI's environment for every build and pack: no MSBuild node outlives the command.</summary>
    public static readonly IDictionary<string, string?> BuildEnvironment = new ReadOnlyDictionary<string, string?>(new Dictionary<string, string?>
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    });

    private ConsumerApp(string directory, string name)
    {
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    public string Name { get; }

    public static async Task<ConsumerApp> CreateAsync(string directory, string name, string feed, string project, string program)
    {
        System.IO.Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.csproj"), project);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), program);
        return new ConsumerApp(directory, name);
    }

    /// <summary>Runs <c>dotnet <paramref name="arguments"/> --nologo -v:q</c> in the app's folder.</summary>
    public Task<ProcessRunner.Result> DotnetAsync(IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync("dotnet", [.. arguments, "--nologo", "-v:q"], Directory, BuildEnvironment, timeout);

    /// <summary>
    /// Runs <paramref name="fileName"/> as the walkthrough's user against <paramref name="emulator"/>: the client's
    /// configuration in <c>CognitoAuth__…</c> variables, the admin flow signed with the emulator's credentials.
    /// </summary>
    public Task<ProcessRunner.Result> RunWalkthroughAsync(string fileName, IEnumerable<string> arguments, CognitoEmulator emulator)
    {
        var seed = ReferenceStack.TestUser;
        return ProcessRunner.RunAsync(fileName, arguments, Directory, new Dictionary<string, string?>
        {
            ["CognitoAuth__UserPoolId"] = emulator.UserPoolId,
            ["CognitoAuth__ClientId"] = emulator.ClientId,
            ["CognitoAuth__ServiceUrl"] = emulator.CognitoEndpoint.ToString(),
            ["CognitoAuth__ApiBaseAddress"] = emulator.ApiUrl.ToString(),
            ["CognitoAuth__Username"] = seed.Username,
            ["CognitoAuth__Password"] = seed.TemporaryPassword,
            ["CognitoAuth__NewPassword"] = seed.NewPassword,
            ["AWS_ACCESS_KEY_ID"] = emulator.Credentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = emulator.Credentials.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_PROFILE"] = null,
            ["AWS_REGION"] = null,
            ["AWS_DEFAULT_REGION"] = null,
        });
    }

    /// <summary>
    /// Fails unless <paramref name="result"/> succeeded and printed no warning at all: TreatWarningsAsErrors does not
    /// cover every MSBuild task's warnings, and a user who builds with it expects a clean output.
    /// </summary>
    public static void AssertSucceededWithoutWarnings(ProcessRunner.Result result, string what)
    {
        Assert.True(result.ExitCode == 0, $"{what}: {result}");
        var warnings = Warning().Matches(result.StandardOutput + result.StandardError).Select(m => m.Value).ToList();
        Assert.True(warnings.Count == 0, $"{what} printed warnings:\n{string.Join('\n', warnings)}");
    }

    // MSBuild's canonical format: "origin: warning CODE: text", "origin : warning : text".
    [GeneratedRegex(@"^.*:\s*warning\b.*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex Warning();
}

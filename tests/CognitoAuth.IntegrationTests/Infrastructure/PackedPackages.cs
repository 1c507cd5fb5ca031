using CognitoAuth.Testing;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>
/// The repository's packages (Contract 7) as a user gets them: <c>dotnet pack</c>ed once for the tests that share this
/// fixture, with a version no earlier run used (so a package cached by an earlier run is never what gets tested), into a
/// temporary feed. Consumer apps are created next to the feed, outside this repository.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    /// <summary>Every package the repository ships, each packed from the project of the same name under src/.</summary>
    public static readonly IReadOnlyList<string> PackedProjects =
        ["CognitoAuth.Client", "CognitoAuth.Client.Redis", "CognitoAuth.Emulator", "CognitoAuth.Emulator.Tool", "CognitoAuth.Aspire.Hosting"];

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cognitoauth-packages-");

    /// <summary>Gets the version every package was packed with.</summary>
    public string Version { get; } = $"0.0.0-consumer-{Guid.NewGuid():N}";

    /// <summary>Gets the folder holding the .nupkg and .snupkg files: a local NuGet feed.</summary>
    public string Feed => Path.Combine(_work.FullName, "feed");

    public async Task InitializeAsync()
    {
        foreach (var project in PackedProjects)
        {
            // Its own artifacts folder: the pack neither reuses nor overwrites the repository's bin/ and obj/ (the packs share
            // it, so the emulator is built once for its three packages).
            var pack = await ProcessRunner.RunAsync(
                "dotnet",
                ["pack", Path.Combine(RepositoryRoot.Path, "src", project), "-c", "Release", "-o", Feed,
                    "--artifacts-path", Path.Combine(_work.FullName, "artifacts"), $"-p:Version={Version}", "--nologo", "-v:q"],
                RepositoryRoot.Path,
                ConsumerApp.BuildEnvironment);
            Assert.True(pack.ExitCode == 0, $"dotnet pack {project}: {pack}");
            Assert.True(File.Exists(Path.Combine(Feed, $"{project}.{Version}.nupkg")), $"No {project} .nupkg in {Feed}");
            Assert.True(File.Exists(Path.Combine(Feed, $"{project}.{Version}.snupkg")), $"No {project} .snupkg in {Feed}");
        }
    }

    /// <summary>Writes a consumer app (a nuget.config that reaches this feed and nuget.org, a project and its Program.cs).</summary>
    /// <param name="name">The app's folder name, also its project file's name.</param>
    /// <param name="project">The project file's content.</param>
    /// <param name="program">Program.cs.</param>
    internal Task<ConsumerApp> CreateAppAsync(string name, string project, string program) =>
        ConsumerApp.CreateAsync(Path.Combine(_work.FullName, name), name, Feed, project, program);

    /// <summary>Gets a new empty folder next to the feed, outside this repository.</summary>
    /// <param name="name">The folder's name.</param>
    /// <returns>Its full path.</returns>
    internal string CreateDirectory(string name) => Directory.CreateDirectory(Path.Combine(_work.FullName, name)).FullName;

    public Task DisposeAsync()
    {
        // The restores extracted this run's unique version into the global packages folder: nothing will use it again.
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var project in PackedProjects)
        {
            TryDelete(new DirectoryInfo(Path.Combine(globalPackages, project.ToLowerInvariant(), Version)));
        }

        TryDelete(_work);
        return Task.CompletedTask;
    }

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            if (directory.Exists)
            {
                directory.Delete(recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

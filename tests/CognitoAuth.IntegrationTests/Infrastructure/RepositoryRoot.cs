namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>The repository's root folder, found by walking up from the test assembly to <c>CognitoAuth.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CognitoAuth.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CognitoAuth.sln above {AppContext.BaseDirectory}.");
    }
}

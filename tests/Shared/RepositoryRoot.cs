namespace CognitoAuth.Testing;

/// <summary>The repository's root: the first folder above the running binaries (or the working directory) holding <c>CognitoAuth.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "CognitoAuth.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No CognitoAuth.sln above {AppContext.BaseDirectory}.");
    }
}

using System.Text.Json;

namespace CognitoAuth.Sample;

/// <summary>
/// How the person last signed in with <c>login</c> (the browser flow), kept beside the token cache so that later commands
/// need neither <c>--flow</c> nor a password; <c>logout</c> forgets it. Holds no secret: the tokens are in the cache.
/// </summary>
internal static class RememberedSignIn
{
    /// <summary>The file beside <paramref name="tokenCache"/>, or beside the package's default cache when none is given.</summary>
    public static string PathFor(FileInfo? tokenCache) =>
        tokenCache is not null
            ? tokenCache.FullName + ".signin.json"
            : Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
                "CognitoAuth",
                "cognito-sample.signin.json");

    /// <summary>The flow <c>login</c> used, or <see langword="null"/> when nobody is signed in that way.</summary>
    public static string? Read(FileInfo? tokenCache)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(PathFor(tokenCache)));
            return document.RootElement.TryGetProperty("AuthFlow", out var flow) ? flow.GetString() : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public static void Write(FileInfo? tokenCache, string authFlow)
    {
        var path = PathFor(tokenCache);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var document = JsonDocument.Parse($"{{\"AuthFlow\":\"{authFlow}\"}}");
        File.WriteAllText(path, JsonSerializer.Serialize(document.RootElement, SampleJsonContext.Default.JsonElement));
    }

    public static void Forget(FileInfo? tokenCache)
    {
        var path = PathFor(tokenCache);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}

using CognitoAuth.Client;
using CognitoAuth.Client.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Keeps the Cognito tokens in a file between runs, for command-line and desktop apps (with
/// <see cref="CognitoAuthFlow.AuthorizationCode"/>, the person signs in in the browser once, not at every start).
/// </summary>
public static class CognitoTokenFileCacheServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the in-memory <see cref="ICognitoTokenStore"/> with a file. On Linux and macOS the file is readable by its
    /// owner only (0600; a folder it creates, 0700) and protected by those permissions alone; on Windows it is also
    /// encrypted for the current user with DPAPI. Writes replace the file whole (atomic rename) under a lock file, so that
    /// several processes can share it. A file that cannot be parsed counts as empty, with a warning: the next sign-in
    /// replaces it. No token is ever logged.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="path">
    /// The token file. The default is <c>tokens.json</c> in a <c>CognitoAuth</c> folder of the user's local application data:
    /// <c>~/.local/share/CognitoAuth/tokens.json</c> on Linux (or under <c>$XDG_DATA_HOME</c>),
    /// <c>~/Library/Application Support/CognitoAuth/tokens.json</c> on macOS, <c>%LOCALAPPDATA%\CognitoAuth\tokens.json</c> on Windows.
    /// </param>
    /// <returns>The same services.</returns>
    /// <exception cref="InvalidOperationException">No path is given and the user has no local application data folder.</exception>
    public static IServiceCollection AddCognitoTokenFileCache(this IServiceCollection services, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var file = Path.GetFullPath(path ?? FileTokenStore.DefaultPath());
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton<ICognitoTokenStore>(sp =>
            new FileTokenStore(file, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<FileTokenStore>>())));
        return services;
    }
}

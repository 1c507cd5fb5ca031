using System.Security.Cryptography;
using System.Text.Json;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// An <see cref="ICognitoTokenStore"/> in one file, kept between runs: for command-line and desktop apps, whose person signs
/// in in the browser once and not at every start. The file is owner-only (0600, its folder created 0700) on Unix and
/// encrypted with DPAPI on Windows (<see cref="TokenFileProtection"/>); every write replaces it whole (a new file renamed
/// over it), under a lock file, so that a reader never sees half a file and two processes never lose each other's entries.
/// A file that cannot be parsed counts as empty — it is a cache: the person signs in again, and that sign-in replaces it —
/// and says so in a warning; a file that cannot be opened is an error.
/// </summary>
internal sealed class FileTokenStore : ICognitoTokenStore
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // Another process holds the lock for as long as one read and one rename take: bounded, then a clear error.
    private const int LockAttempts = 200;
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(25);

    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FileTokenStore> _logger;

    public FileTokenStore(string path, TimeProvider timeProvider, ILogger<FileTokenStore> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The file's absolute path.</summary>
    public string Path { get; }

    /// <summary>Where <c>AddCognitoTokenFileCache()</c> keeps the tokens without a path: <c>{LocalApplicationData}/CognitoAuth/tokens.json</c>.</summary>
    public static string DefaultPath()
    {
        var folder = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(folder)
            ? throw new InvalidOperationException(
                "This user has no local application data folder (is HOME set?): give AddCognitoTokenFileCache the path of the token file.")
            : System.IO.Path.Combine(folder, "CognitoAuth", "tokens.json");
    }

    public async ValueTask<CognitoTokenSet?> GetAsync(string key, CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken).ConfigureAwait(false)).Entries.GetValueOrDefault(key);

    public ValueTask SetAsync(string key, CognitoTokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return UpdateAsync(entries => entries[key] = tokens, cancellationToken);
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken) =>
        UpdateAsync(entries => entries.Remove(key), cancellationToken);

    /// <summary>Reads the file, changes its entries and writes it back whole, under the in-process gate and the lock file.</summary>
    private async ValueTask UpdateAsync(Action<Dictionary<string, CognitoTokenSet>> change, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CreateFolder();
            using var fileLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            var file = await ReadAsync(cancellationToken).ConfigureAwait(false);
            change(file.Entries);
            await WriteAsync(new TokenFile { Entries = file.Entries }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task<TokenFile> ReadAsync(CancellationToken cancellationToken)
    {
        byte[] stored;
        try
        {
            // Share delete: a writer's rename over this file must not wait for a reader (Windows).
            await using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
            stored = new byte[stream.Length];
            await stream.ReadExactlyAsync(stored, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            return new TokenFile();
        }

        try
        {
            var file = JsonSerializer.Deserialize(TokenFileProtection.Unprotect(stored), TokenFileJsonContext.Default.TokenFile);
            if (file is null)
            {
                return Unreadable("it holds null");
            }

            return file.Version == TokenFile.CurrentVersion
                ? file
                : Unreadable($"format version {file.Version}, not {TokenFile.CurrentVersion}");
        }
        catch (JsonException exception)
        {
            // The position, never the content: the content holds tokens.
            return Unreadable($"not a token file: invalid JSON at byte {exception.BytePositionInLine} of line {exception.LineNumber}");
        }
        catch (CryptographicException)
        {
            return Unreadable("it is not encrypted for this user");
        }
    }

    private TokenFile Unreadable(string reason)
    {
        Log.TokenCacheUnreadable(_logger, Path, reason);
        return new TokenFile();
    }

    /// <summary>Writes a new file beside the old one, owner-only from its creation, flushed to disk, then renames it over the old one.</summary>
    private async Task WriteAsync(TokenFile file, CancellationToken cancellationToken)
    {
        var bytes = TokenFileProtection.Protect(JsonSerializer.SerializeToUtf8Bytes(file, TokenFileJsonContext.Default.TokenFile));
        var temporary = $"{Path}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFile;
            }

            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Creates the missing folders, each owner-only on Unix; folders that exist keep the permissions they have.</summary>
    private void CreateFolder()
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        var missing = new Stack<string>();
        for (var current = folder; !string.IsNullOrEmpty(current) && !Directory.Exists(current); current = System.IO.Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only; its parents would get the umask's.
        while (missing.TryPop(out var next))
        {
            Directory.CreateDirectory(next, OwnerOnlyFolder);
        }
    }

    /// <summary>
    /// The lock file, opened for this process alone (on Unix an advisory <c>flock</c>, on Windows a share mode): other
    /// processes' writers wait for it. Bounded: a lock held for seconds is a stuck process, and the error says which file.
    /// </summary>
    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(Path + ".lock", options);
            }
            catch (IOException) when (attempt < LockAttempts && File.Exists(Path + ".lock"))
            {
                await Task.Delay(LockRetryDelay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"FileTokenStore {{ Path = {Path}, Encrypted = {TokenFileProtection.Encrypts} }}";
}

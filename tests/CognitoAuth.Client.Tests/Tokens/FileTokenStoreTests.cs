using System.Text;
using CognitoAuth.Client.Tests.Fakes;
using CognitoAuth.Client.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CognitoAuth.Client.Tests.Tokens;

/// <summary>
/// The token file cache: owner-only permissions, whole-file replacement, tokens kept across two service providers (two runs
/// of an app), concurrent writers losing nothing, an unparsable file counting as empty with a warning, and no token in a log.
/// </summary>
public sealed class FileTokenStoreTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cognito-token-cache-");

    private string CacheFile => Path.Combine(_root.FullName, "app", "state", "tokens.json");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Set_NewFile_OwnerOnlyFileInOwnerOnlyFoldersItCreated()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var store = Store();

        await store.SetAsync("key", Tokens("a"), CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CacheFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(CacheFile)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_root.FullName, "app")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CacheFile + ".lock"));
    }

    [Fact]
    public async Task Set_ExistingFileMadeReadableByOthers_IsOwnerOnlyAgainAfterTheNextWrite()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var store = Store();
        await store.SetAsync("key", Tokens("a"), CancellationToken.None);
        File.SetUnixFileMode(CacheFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await store.SetAsync("key", Tokens("b"), CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CacheFile));
    }

    [Fact]
    public async Task Set_ReplacesTheFileWhole_AReaderOfTheOldOneSeesItComplete_AndNoTemporaryFileStays()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows cannot rename over a file another handle has open without sharing delete; Unix keeps the old inode.
        }

        var store = Store();
        await store.SetAsync("key", Tokens("old"), CancellationToken.None);
        var oldContent = await File.ReadAllBytesAsync(CacheFile);

        await using var reader = new FileStream(CacheFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await store.SetAsync("key", Tokens("new-and-rather-longer-than-the-old-one"), CancellationToken.None);
        var seenByReader = new byte[reader.Length];
        await reader.ReadExactlyAsync(seenByReader);

        Assert.Equal(oldContent, seenByReader); // written in place, the reader would see the new bytes or a mix
        Assert.Equal("access-new-and-rather-longer-than-the-old-one", (await store.GetAsync("key", CancellationToken.None))!.AccessToken);
        Assert.Equal(["tokens.json", "tokens.json.lock"], Directory.GetFiles(Path.GetDirectoryName(CacheFile)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetSetRemove_RoundTripEveryMember_KeysApart()
    {
        var store = Store();
        var tokens = new CognitoTokenSet
        {
            AccessToken = "access-token-value",
            IdToken = "id-token-value",
            RefreshToken = "refresh-token-value",
            IssuedAt = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero),
            ExpiresAt = new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero),
            Username = "person",
            Device = new CognitoDevice { DeviceKey = "ap-northeast-1_device", DeviceGroupKey = "-group", DevicePassword = "device-password" },
        };

        await store.SetAsync("one", tokens, CancellationToken.None);
        await store.SetAsync("two", Tokens("other"), CancellationToken.None);
        var read = await Store().GetAsync("one", CancellationToken.None);
        await store.RemoveAsync("two", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal((tokens.AccessToken, tokens.IdToken, tokens.RefreshToken, tokens.IssuedAt, tokens.ExpiresAt, tokens.Username), (read.AccessToken, read.IdToken, read.RefreshToken, read.IssuedAt, read.ExpiresAt, read.Username));
        Assert.Equal(("ap-northeast-1_device", "-group", "device-password"), (read.Device!.DeviceKey, read.Device.DeviceGroupKey, read.Device.DevicePassword));
        Assert.Null(await store.GetAsync("two", CancellationToken.None));
        Assert.NotNull(await store.GetAsync("one", CancellationToken.None));
        Assert.Null(await Store(Path.Combine(_root.FullName, "never-written.json")).GetAsync("one", CancellationToken.None));
    }

    [Fact]
    public async Task TwoProviders_TheSecondRunServesTheFirstRunsTokens_WithoutSigningIn()
    {
        string first;
        using (var run = new ClientHarness(services: s => s.AddCognitoTokenFileCache(CacheFile)))
        {
            first = (await run.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName)).AccessToken;
            Assert.Equal(1, run.Cognito.SignIns);
        }

        using var second = new ClientHarness(services: s => s.AddCognitoTokenFileCache(CacheFile));
        using var http = second.CreateHttpClient();
        await http.GetStringAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(first, Assert.Single(second.Api.Requests).Token);
        Assert.Empty(second.Cognito.Calls);
        Assert.DoesNotContain(first, await File.ReadAllTextAsync(CacheFile + ".lock"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_RemovesTheTokensFromTheFile()
    {
        using var run = new ClientHarness(services: s => s.AddCognitoTokenFileCache(CacheFile));
        var tokens = await run.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);

        await run.Tokens.SignOutAsync(CognitoApiClientOptions.DefaultName);

        Assert.DoesNotContain(tokens.AccessToken, await File.ReadAllTextAsync(CacheFile), StringComparison.Ordinal);
        Assert.Null(await Store().GetAsync(run.Client().Context.StoreKey, CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentWriters_InTwoStores_LoseNoEntry()
    {
        var first = Store();
        var second = Store();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? first : second).SetAsync($"key-{i}", Tokens($"{i}"), CancellationToken.None))));

        for (var i = 0; i < 40; i++)
        {
            Assert.Equal($"access-{i}", (await first.GetAsync($"key-{i}", CancellationToken.None))?.AccessToken);
        }
    }

    [Theory]
    [InlineData("{\"version\":1,\"entries\":{\"key\":{\"accessToken\":\"access-token-leaked-if-logged\"")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("{\"version\":99,\"entries\":{}}")]
    [InlineData("null")]
    public async Task Get_UnparsableFile_CountsAsEmptyWithAWarning_AndTheNextWriteReplacesIt(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        await File.WriteAllTextAsync(CacheFile, content);
        var logs = new FakeLogCollector();
        var store = Store(logger: new FakeLogger<FileTokenStore>(logs));

        var read = await store.GetAsync("key", CancellationToken.None);
        await store.SetAsync("other", Tokens("fresh"), CancellationToken.None);

        Assert.Null(read);
        var warning = logs.GetSnapshot().First(r => r.Id.Name == "TokenCacheUnreadable");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(CacheFile, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("access-token-leaked", string.Join("\n", logs.GetSnapshot().Select(r => r.Message)), StringComparison.Ordinal);
        Assert.Equal("access-fresh", (await Store().GetAsync("other", CancellationToken.None))?.AccessToken);
    }

    [Fact]
    public void FileStore_ToString_ShowsThePathOnly()
    {
        Assert.Equal($"FileTokenStore {{ Path = {CacheFile}, Encrypted = {OperatingSystem.IsWindows()} }}", Store().ToString());
    }

    [Fact]
    public async Task File_OnUnix_IsPlainJsonProtectedByItsPermissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await Store().SetAsync("key", Tokens("a"), CancellationToken.None);

        Assert.StartsWith("{\"version\":1,\"entries\":{\"key\":{\"accessToken\":\"access-a\"", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(CacheFile)), StringComparison.Ordinal);
    }

    private FileTokenStore Store(string? path = null, ILogger<FileTokenStore>? logger = null) =>
        new(path ?? CacheFile, TimeProvider.System, logger ?? new FakeLogger<FileTokenStore>());

    private static CognitoTokenSet Tokens(string name) => new()
    {
        AccessToken = $"access-{name}",
        RefreshToken = $"refresh-{name}",
        IssuedAt = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero),
    };
}

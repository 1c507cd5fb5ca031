using System.Text;
using CognitoAuth.Client.Redis.Storage;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CognitoAuth.Client.Redis.Tests.Storage;

public sealed class EncryptedTokenStoreTests
{
    private const string StoreKey = "https://cognito-idp.ap-northeast-1.amazonaws.com/|ap-northeast-1_Pool|client|alice@example.com";

    private static readonly CognitoTokenSet Tokens = new()
    {
        AccessToken = "eyJ.access-token-value.sig",
        IdToken = "eyJ.id-token-value.sig",
        RefreshToken = "refresh-token-value",
        IssuedAt = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero),
        Username = "0f3c-uuid",
        Device = new CognitoDevice { DeviceKey = "ap-northeast-1_device-key-value", DeviceGroupKey = "-device-group", DevicePassword = "device-password-value" },
    };

    private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly FakeLogger<EncryptedTokenStore> _logger = new();
    private readonly string _key = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray());

    [Fact]
    public async Task SetThenGet_ReturnsEveryField()
    {
        var store = Store(_key);

        await store.SetAsync(StoreKey, Tokens, CancellationToken.None);
        var read = await store.GetAsync(StoreKey, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(Tokens.AccessToken, read.AccessToken);
        Assert.Equal(Tokens.IdToken, read.IdToken);
        Assert.Equal(Tokens.RefreshToken, read.RefreshToken);
        Assert.Equal(Tokens.IssuedAt, read.IssuedAt);
        Assert.Equal(Tokens.ExpiresAt, read.ExpiresAt);
        Assert.Equal(Tokens.Username, read.Username);
        Assert.Equal(Tokens.Device!.DeviceKey, read.Device!.DeviceKey); // a fleet shares the remembered device
        Assert.Equal(Tokens.Device.DeviceGroupKey, read.Device.DeviceGroupKey);
        Assert.Equal(Tokens.Device.DevicePassword, read.Device.DevicePassword);
    }

    [Fact]
    public async Task Set_StoresNeitherTheUserNorATokenInClear()
    {
        var protector = new TokenProtector(_key, "p:");
        await Store(_key).SetAsync(StoreKey, Tokens, CancellationToken.None);

        var name = protector.EntryName(StoreKey);
        var value = Encoding.Latin1.GetString(_cache.Get(name)!);

        Assert.StartsWith("p:", name, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", name, StringComparison.Ordinal);
        foreach (var secret in new[] { "access-token-value", "id-token-value", "refresh-token-value", "alice", "0f3c-uuid", "device-password-value", "device-key-value" })
        {
            Assert.DoesNotContain(secret, value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EntryName_DependsOnTheKeyAndTheUser()
    {
        var protector = new TokenProtector(_key, "p:");

        Assert.Equal(protector.EntryName(StoreKey), new TokenProtector(_key, "p:").EntryName(StoreKey));
        Assert.NotEqual(protector.EntryName(StoreKey), protector.EntryName(StoreKey.Replace("alice", "bob", StringComparison.Ordinal)));
        Assert.NotEqual(protector.EntryName(StoreKey), new TokenProtector(OtherKey(), "p:").EntryName(StoreKey));
    }

    [Fact]
    public async Task Get_EntrySealedWithAnotherKey_IsAMissNotACrash()
    {
        var name = new TokenProtector(_key, "p:").EntryName(StoreKey);
        var foreign = new TokenProtector(OtherKey(), "p:");
        await _cache.SetAsync(name, foreign.Seal("{\"AccessToken\":\"x\"}"u8, name), new DistributedCacheEntryOptions());

        var read = await Store(_key).GetAsync(StoreKey, CancellationToken.None);

        Assert.Null(read);
        Assert.Equal("EntryUnreadable", _logger.LatestRecord.Id.Name);
    }

    [Theory]
    [InlineData(0)] // version
    [InlineData(5)] // nonce
    [InlineData(20)] // ciphertext
    [InlineData(-1)] // tag
    public async Task Get_TamperedEntry_IsAMiss(int position)
    {
        var store = Store(_key);
        await store.SetAsync(StoreKey, Tokens, CancellationToken.None);
        var name = new TokenProtector(_key, "p:").EntryName(StoreKey);
        var value = _cache.Get(name)!;
        value[position < 0 ? value.Length + position : position] ^= 0x40;
        _cache.Set(name, value);

        Assert.Null(await store.GetAsync(StoreKey, CancellationToken.None));
    }

    [Fact]
    public async Task Get_TruncatedEntry_IsAMiss()
    {
        var store = Store(_key);
        await store.SetAsync(StoreKey, Tokens, CancellationToken.None);
        var name = new TokenProtector(_key, "p:").EntryName(StoreKey);
        _cache.Set(name, _cache.Get(name)![..10]);

        Assert.Null(await store.GetAsync(StoreKey, CancellationToken.None));
    }

    [Fact]
    public async Task Get_EntryCopiedFromAnotherUser_IsAMiss()
    {
        var store = Store(_key);
        var protector = new TokenProtector(_key, "p:");
        var bob = StoreKey.Replace("alice", "bob", StringComparison.Ordinal);
        await store.SetAsync(StoreKey, Tokens, CancellationToken.None);

        // Someone with write access to Redis (but not the key) gives Bob's slot Alice's tokens.
        _cache.Set(protector.EntryName(bob), _cache.Get(protector.EntryName(StoreKey))!);

        Assert.Null(await store.GetAsync(bob, CancellationToken.None));
    }

    [Fact]
    public async Task Get_SealedGarbage_IsAMiss()
    {
        var protector = new TokenProtector(_key, "p:");
        var name = protector.EntryName(StoreKey);
        _cache.Set(name, protector.Seal("not json"u8, name));

        Assert.Null(await Store(_key).GetAsync(StoreKey, CancellationToken.None));
        Assert.Equal("EntryUnreadable", _logger.LatestRecord.Id.Name);
    }

    [Fact]
    public async Task Remove_DeletesTheEntry()
    {
        var store = Store(_key);
        await store.SetAsync(StoreKey, Tokens, CancellationToken.None);

        await store.RemoveAsync(StoreKey, CancellationToken.None);

        Assert.Null(await store.GetAsync(StoreKey, CancellationToken.None));
    }

    [Fact]
    public async Task CacheUnavailable_ReadsAsAMissAndWritesAreDropped()
    {
        var store = new EncryptedTokenStore(new UnavailableCache(), new TokenProtector(_key, "p:"), TimeSpan.FromDays(1), _logger);

        Assert.Null(await store.GetAsync(StoreKey, CancellationToken.None));
        await store.SetAsync(StoreKey, Tokens, CancellationToken.None);
        await store.RemoveAsync(StoreKey, CancellationToken.None);

        Assert.Equal(3, _logger.Collector.GetSnapshot().Count(r => r.Id.Name == "StoreUnavailable"));
    }

    [Fact]
    public async Task Set_EntryExpiresAfterTheConfiguredLifetime()
    {
        var recording = new RecordingCache();
        var store = new EncryptedTokenStore(recording, new TokenProtector(_key, "p:"), TimeSpan.FromDays(7), _logger);

        await store.SetAsync(StoreKey, Tokens, CancellationToken.None);

        Assert.Equal(TimeSpan.FromDays(7), recording.LastOptions!.AbsoluteExpirationRelativeToNow);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("not base64!", false)]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", false)] // 16 bytes
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", true)] // 32 bytes
    public void IsValidKey_AcceptsExactly32BytesOfBase64(string key, bool valid) =>
        Assert.Equal(valid, TokenProtector.IsValidKey(key));

    private EncryptedTokenStore Store(string key) => new(_cache, new TokenProtector(key, "p:"), TimeSpan.FromDays(30), _logger);

    private static string OtherKey() => Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());

    private sealed class UnavailableCache : IDistributedCache
    {
        public byte[]? Get(string key) => throw Down();

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => throw Down();

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw Down();

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => throw Down();

        public void Refresh(string key) => throw Down();

        public Task RefreshAsync(string key, CancellationToken token = default) => throw Down();

        public void Remove(string key) => throw Down();

        public Task RemoveAsync(string key, CancellationToken token = default) => throw Down();

        private static RedisConnectionException Down() => new(ConnectionFailureType.UnableToConnect, "No connection is available.");
    }

    private sealed class RecordingCache : IDistributedCache
    {
        public DistributedCacheEntryOptions? LastOptions { get; private set; }

        public byte[]? Get(string key) => null;

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult<byte[]?>(null);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => LastOptions = options;

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            LastOptions = options;
            return Task.CompletedTask;
        }

        public void Refresh(string key)
        {
        }

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Remove(string key)
        {
        }

        public Task RemoveAsync(string key, CancellationToken token = default) => Task.CompletedTask;
    }
}

using CognitoAuth.Client.Tests.Fakes;
using CognitoAuth.Client.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Tokens;

/// <summary>
/// The token manager with a store other processes write to: it reads the store only when its own tokens are due, and it
/// renews under the <see cref="ICognitoRenewalLock"/>, serving another process's result instead of renewing again.
/// </summary>
public sealed class SharedStoreTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    [Fact]
    public async Task Get_FreshTokensInMemory_DoesNotReadTheStore()
    {
        var store = new CountingStore();
        using var harness = new ClientHarness(services: s => s.AddSingleton<ICognitoTokenStore>(store));
        var first = await harness.Tokens.GetTokensAsync(Name);
        var reads = store.Reads;

        for (var i = 0; i < 10; i++)
        {
            Assert.Same(first, await harness.Tokens.GetTokensAsync(Name));
        }

        Assert.Equal(reads, store.Reads);
    }

    [Fact]
    public async Task Get_OwnTokensDue_ServesFreshTokensAnotherProcessStored()
    {
        using var harness = new ClientHarness();
        await harness.Tokens.GetTokensAsync(Name);
        harness.Time.Advance(TimeSpan.FromSeconds(3600 - 60));
        var elsewhere = FreshTokens(harness, "renewed-elsewhere");
        await Store(harness).SetAsync(harness.Client().Context.StoreKey, elsewhere, CancellationToken.None);

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.Same(elsewhere, tokens);
        Assert.Equal(0, harness.Cognito.Refreshes);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task Get_LockHeldElsewhere_ServesTheHoldersResultWithoutCallingCognito()
    {
        var renewalLock = new ScriptedLock();
        using var harness = new ClientHarness(services: s => s.AddSingleton<ICognitoRenewalLock>(renewalLock));
        var elsewhere = FreshTokens(harness, "holder");
        renewalLock.Acquire = async (key, renewedElsewhere, cancellationToken) =>
        {
            // The holder has not finished yet, then it stores its result.
            Assert.False(await renewedElsewhere(cancellationToken));
            await Store(harness).SetAsync(key, elsewhere, cancellationToken);
            Assert.True(await renewedElsewhere(cancellationToken));
            return null;
        };

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.Same(elsewhere, tokens);
        Assert.Empty(harness.Cognito.Calls);
        Assert.Equal(harness.Client().Context.StoreKey, Assert.Single(renewalLock.Keys));
    }

    [Fact]
    public async Task Get_LockGrantedAfterTheHolderStoredItsResult_DoesNotCallCognito()
    {
        var renewalLock = new ScriptedLock();
        using var harness = new ClientHarness(services: s => s.AddSingleton<ICognitoRenewalLock>(renewalLock));
        var elsewhere = FreshTokens(harness, "previous-holder");
        renewalLock.Acquire = async (key, _, cancellationToken) =>
        {
            // The previous holder stored its result and released the lock between our miss and our turn.
            await Store(harness).SetAsync(key, elsewhere, cancellationToken);
            return renewalLock.NewLease();
        };

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.Same(elsewhere, tokens);
        Assert.Empty(harness.Cognito.Calls);
        Assert.Equal(1, renewalLock.Released);
    }

    [Fact]
    public async Task Get_LockGranted_SignsInOnceAndStoresBeforeReleasing()
    {
        var renewalLock = new ScriptedLock();
        var store = new CountingStore();
        using var harness = new ClientHarness(services: s => s.AddSingleton<ICognitoRenewalLock>(renewalLock).AddSingleton<ICognitoTokenStore>(store));
        var writesAtRelease = -1;
        renewalLock.Acquire = (_, _, _) => new(renewalLock.NewLease(() => writesAtRelease = store.Writes));

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(1, harness.Cognito.SignIns);
        Assert.Equal(1, writesAtRelease);
        Assert.Same(tokens, await store.GetAsync(harness.Client().Context.StoreKey, CancellationToken.None));
    }

    [Fact]
    public async Task Renew_RejectedTokenStillStoredElsewhere_KeepsWaitingAndRenews()
    {
        var renewalLock = new ScriptedLock();
        renewalLock.Acquire = (_, _, _) => new(renewalLock.NewLease());
        using var harness = new ClientHarness(services: s => s.AddSingleton<ICognitoRenewalLock>(renewalLock));
        var first = await harness.Tokens.GetTokensAsync(Name);
        var saw = new List<bool>();
        renewalLock.Acquire = async (_, renewedElsewhere, cancellationToken) =>
        {
            // The store still holds the token the API rejected: that is no result to serve.
            saw.Add(await renewedElsewhere(cancellationToken));
            return renewalLock.NewLease();
        };

        var renewed = await harness.Tokens.GetTokensAsync(Name, forceRenewal: true);

        Assert.Equal([false], saw);
        Assert.NotEqual(first.AccessToken, renewed.AccessToken);
        Assert.Equal(1, harness.Cognito.Refreshes);
    }

    [Fact]
    public async Task Get_LockFails_TheFailureIsNotCachedAndTheNextCallRenews()
    {
        var renewalLock = new ScriptedLock { Acquire = (_, _, _) => throw new InvalidOperationException("lock store down") };
        using var harness = new ClientHarness(services: s => s.AddSingleton<ICognitoRenewalLock>(renewalLock));

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Tokens.GetTokensAsync(Name));
        renewalLock.Acquire = (_, _, _) => new(renewalLock.NewLease());
        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.NotNull(tokens.AccessToken);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task InProcessLock_GrantsAtOnceWithoutLookingAtTheStore()
    {
        var renewalLock = new InProcessRenewalLock();
        var looked = false;

        var lease = await renewalLock.AcquireAsync("key", _ => { looked = true; return new(true); }, CancellationToken.None);

        Assert.NotNull(lease);
        Assert.False(looked);
        await lease.DisposeAsync();
    }

    private static ICognitoTokenStore Store(ClientHarness harness) => harness.Services.GetRequiredService<ICognitoTokenStore>();

    private static CognitoTokenSet FreshTokens(ClientHarness harness, string access) => new()
    {
        AccessToken = access,
        IdToken = access + "-id",
        RefreshToken = access + "-refresh",
        IssuedAt = harness.Time.GetUtcNow(),
        ExpiresAt = harness.Time.GetUtcNow().AddHours(1),
    };

    private sealed class ScriptedLock : ICognitoRenewalLock
    {
        public Func<string, Func<CancellationToken, ValueTask<bool>>, CancellationToken, ValueTask<IAsyncDisposable?>> Acquire { get; set; } =
            (_, _, _) => throw new InvalidOperationException("not scripted");

        public List<string> Keys { get; } = [];

        public int Released { get; private set; }

        public IAsyncDisposable NewLease(Action? onRelease = null) => new Lease(() =>
        {
            onRelease?.Invoke();
            Released++;
        });

        public ValueTask<IAsyncDisposable?> AcquireAsync(string key, Func<CancellationToken, ValueTask<bool>> renewedElsewhere, CancellationToken cancellationToken)
        {
            Keys.Add(key);
            return Acquire(key, renewedElsewhere, cancellationToken);
        }

        private sealed class Lease(Action release) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                release();
                return ValueTask.CompletedTask;
            }
        }
    }

    private sealed class CountingStore : ICognitoTokenStore
    {
        private readonly InMemoryCognitoTokenStore _inner = new();
        private int _reads;
        private int _writes;

        public int Reads => Volatile.Read(ref _reads);

        public int Writes => Volatile.Read(ref _writes);

        public ValueTask<CognitoTokenSet?> GetAsync(string key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return _inner.GetAsync(key, cancellationToken);
        }

        public ValueTask SetAsync(string key, CognitoTokenSet tokens, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _writes);
            return _inner.SetAsync(key, tokens, cancellationToken);
        }

        public ValueTask RemoveAsync(string key, CancellationToken cancellationToken) => _inner.RemoveAsync(key, cancellationToken);
    }
}

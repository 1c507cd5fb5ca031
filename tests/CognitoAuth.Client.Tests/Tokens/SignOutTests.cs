using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Tokens;

/// <summary>A sign-out is final: a renewal already under way when it happens keeps nothing it obtains.</summary>
public sealed class SignOutTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    [Fact]
    public async Task SignOut_WhileASignInIsInFlight_TheSignInKeepsNothing()
    {
        using var harness = new ClientHarness();
        var store = harness.Services.GetRequiredService<ICognitoTokenStore>();
        var key = harness.Client().Context.StoreKey;
        harness.Cognito.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var signingIn = harness.Tokens.GetTokensAsync(Name);
        while (harness.Cognito.Calls.IsEmpty)
        {
            await Task.Yield();
        }

        var signingOut = harness.Tokens.SignOutAsync(Name);
        Assert.False(signingOut.IsCompleted); // it waits for the sign-in under way
        harness.Cognito.Gate.SetResult();
        var tokens = await signingIn; // asked before the sign-out: it gets its tokens
        await signingOut;

        Assert.NotNull(tokens.AccessToken);
        Assert.Null(await store.GetAsync(key, CancellationToken.None));
        harness.Cognito.Gate = null;
        var next = await harness.Tokens.GetTokensAsync(Name);
        Assert.NotEqual(tokens.AccessToken, next.AccessToken);
        Assert.Equal(2, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task SignOut_RevokesTheRefreshTokenAndEmptiesTheStore()
    {
        using var harness = new ClientHarness();
        var store = harness.Services.GetRequiredService<ICognitoTokenStore>();
        var tokens = await harness.Tokens.GetTokensAsync(Name);

        await harness.Tokens.SignOutAsync(Name);

        Assert.Equal(tokens.RefreshToken, Assert.Single(harness.Cognito.Requests<CognitoAuth.Client.Cognito.Model.RevokeTokenRequest>()).Token);
        Assert.Null(await store.GetAsync(harness.Client().Context.StoreKey, CancellationToken.None));
    }

    [Fact]
    public async Task ARequestThatReadsTheStoreDuringSignOut_GetsItsTokensOnce_ButCannotPutThemBack()
    {
        var store = new GatedRemoveStore();
        using var harness = new ClientHarness(services: s => s.AddSingleton<ICognitoTokenStore>(store));
        var before = await harness.Tokens.GetTokensAsync(Name);
        harness.Time.Advance(TimeSpan.FromMinutes(1)); // nothing due: only the store read is raced
        store.RemoveGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var signingOut = harness.Tokens.SignOutAsync(Name);
        await store.Removing.Task; // the slot is empty, the store not yet
        var racing = await harness.Tokens.GetTokensAsync(Name);
        store.RemoveGate.SetResult();
        await signingOut;

        Assert.Equal(before.AccessToken, racing.AccessToken); // asked before the sign-out finished: it may use them once
        Assert.Null(harness.Client().Slot.Current);
        var after = await harness.Tokens.GetTokensAsync(Name);
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.Equal(2, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task SignOut_WhenTheStoreLostItsEntry_StillRevokesTheRefreshTokenThisProcessHeld()
    {
        var store = new GatedRemoveStore();
        using var harness = new ClientHarness(services: s => s.AddSingleton<ICognitoTokenStore>(store));
        var tokens = await harness.Tokens.GetTokensAsync(Name);
        store.Entries.Clear(); // e.g. Redis restarted empty

        await harness.Tokens.SignOutAsync(Name);

        Assert.Equal(tokens.RefreshToken, Assert.Single(harness.Cognito.Requests<RevokeTokenRequest>()).Token);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using CognitoAuth.Client.Authentication;
using CognitoAuth.Client.Configuration;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// Serves each user's tokens: from memory while fresh, then from the <see cref="ICognitoTokenStore"/>, else by one refresh or
/// sign-in per user at a time. Concurrent callers share that one call, which runs detached from any caller's cancellation; a
/// failure is not cached, but a sign-in that failed for good pauses further ones (<see cref="SignInBrake"/>). Processes
/// sharing a store take the <see cref="ICognitoRenewalLock"/> around a renewal, so a fleet renews once. Holds no
/// per-request state, so the pooled <c>HttpClient</c> handlers can share it.
/// </summary>
internal sealed class CognitoTokenManager(
    CognitoClientCatalog catalog,
    ICognitoTokenStore store,
    ICognitoRenewalLock renewalLock,
    CognitoAuthenticator authenticator,
    TimeProvider timeProvider,
    CognitoClientMetrics metrics,
    ILogger<CognitoTokenManager> logger) : ICognitoTokenProvider, IDisposable
{
    // One slot per user; which user each client name's current options name, to drop a user no name serves any more.
    private readonly ConcurrentDictionary<string, TokenSlot> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _userOfName = new(StringComparer.Ordinal);
    private readonly object _bindings = new();

    private readonly ConcurrentDictionary<string, Task<CachedTokens>> _inFlight = new(StringComparer.Ordinal);

    // Stops shared sign-ins when the application shuts down; callers' tokens never do.
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <summary>
    /// Binds <paramref name="client"/> to its user's slot. When the options of a client name now name another user (pool, app
    /// client or user changed), the old user's tokens are dropped from memory and from the store, unless another name still
    /// serves that user. Completes synchronously unless it drops something.
    /// </summary>
    public ValueTask<ClientTokens> BindAsync(CognitoClientContext client, CancellationToken cancellationToken)
    {
        string? dropped = null;
        TokenSlot slot;
        lock (_bindings)
        {
            slot = _slots.GetOrAdd(client.StoreKey, static _ => new TokenSlot());
            if (_userOfName.TryGetValue(client.Name, out var previous) && !string.Equals(previous, client.StoreKey, StringComparison.Ordinal))
            {
                _userOfName[client.Name] = client.StoreKey;
                if (!_userOfName.ContainsValue(previous) && _slots.TryRemove(previous, out var old))
                {
                    old.SignOut();
                    dropped = previous;
                }
            }
            else
            {
                _userOfName[client.Name] = client.StoreKey;
            }
        }

        var bound = new ClientTokens(client, slot);
        return dropped is null ? new(bound) : DropAsync(bound, dropped, cancellationToken);
    }

    /// <summary>
    /// The current tokens of the bound user, checked against the clock on every call (a token is never served past the
    /// moment it is due, however long the machine slept). Allocates nothing when they are cached and fresh.
    /// </summary>
    public ValueTask<CachedTokens> GetAsync(ClientTokens client, CancellationToken cancellationToken)
    {
        // The tokens this process used last: a shared store (a network hop away) is read only once they are due for renewal.
        if (client.Slot.Current is { } local && TokenFreshness.IsFresh(local.Tokens, timeProvider.GetUtcNow(), client.Context.Options.RefreshBefore))
        {
            metrics.CacheHit();
            return new(local);
        }

        return ReadOrRenewAsync(client, cancellationToken);
    }

    /// <summary>
    /// Renews the tokens, unless <paramref name="rejectedToken"/> is given and the stored tokens no longer hold it
    /// (another caller already renewed them): then those are returned and Cognito is not called.
    /// With no <paramref name="rejectedToken"/>, renews only what is not fresh.
    /// </summary>
    public async ValueTask<CachedTokens> RenewAsync(ClientTokens client, string? rejectedToken, CancellationToken cancellationToken)
    {
        var result = await JoinOrStart(client, rejectedToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (rejectedToken is not null && result.Contains(rejectedToken))
        {
            // We joined a call that began before the token was rejected and found it still fresh: renew it now.
            result = await JoinOrStart(client, rejectedToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<CognitoTokenSet> GetTokensAsync(string clientName, bool forceRenewal = false, CancellationToken cancellationToken = default)
    {
        var client = await BindAsync(catalog.Get(clientName), cancellationToken).ConfigureAwait(false);
        if (!forceRenewal)
        {
            return (await GetAsync(client, cancellationToken).ConfigureAwait(false)).Tokens;
        }

        // Asked for explicitly: the pause after a failed sign-in does not apply.
        client.Slot.Brake = null;
        var current = await store.GetAsync(client.Context.StoreKey, cancellationToken).ConfigureAwait(false);
        return (await RenewAsync(client, current?.AccessToken, cancellationToken).ConfigureAwait(false)).Tokens;
    }

    /// <inheritdoc />
    public async Task SignOutAsync(string clientName, CancellationToken cancellationToken = default)
    {
        var client = await BindAsync(catalog.Get(clientName), cancellationToken).ConfigureAwait(false);
        var key = client.Context.StoreKey;

        // A renewal under way keeps nothing from now on; wait for it, so that a store write it began cannot land after ours.
        var held = client.Slot.Current?.Tokens;
        client.Slot.SignOut();
        if (_inFlight.TryGetValue(key, out var flight))
        {
            await ((Task)flight).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        // This process and the store stop holding the tokens first: a sign-out at Cognito (for the browser flow, a page that
        // waits on the person) may take a while or fail, and must not leave them usable here meanwhile.
        // What is revoked is the store's latest, else what this process held (a store that lost its entry, or cannot be read).
        CognitoTokenSet? current = held;
        try
        {
            current = await store.GetAsync(key, cancellationToken).ConfigureAwait(false) ?? held;
        }
        finally
        {
            try
            {
                await store.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                // Again, now that the store no longer holds them: a request that read them from the store meanwhile keeps nothing.
                client.Slot.SignOut();
            }
        }

        try
        {
            await authenticator.SignOutAsync(client.Context, current, cancellationToken).ConfigureAwait(false);
        }
        catch (CognitoException exception)
        {
            // Best effort: the tokens expire on their own; what matters here is that this process stops using them.
            Log.RevokeFailed(logger, client.Context.Name, exception.ErrorCode);
        }

        Log.SignedOut(logger, client.Context.Name);
    }

    public void Dispose()
    {
        // The provider disposes this once per registration it is exposed under.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private async ValueTask<ClientTokens> DropAsync(ClientTokens bound, string droppedKey, CancellationToken cancellationToken)
    {
        Log.IdentityChanged(logger, bound.Context.Name);
        // Not the caller's token: a request cancelled here must not leave the old user's refresh token in the store.
        await store.RemoveAsync(droppedKey, CancellationToken.None).ConfigureAwait(false);
        return bound;
    }

    private async ValueTask<CachedTokens> ReadOrRenewAsync(ClientTokens client, CancellationToken cancellationToken)
    {
        var signOuts = client.Slot.SignOuts;
        var stored = await store.GetAsync(client.Context.StoreKey, cancellationToken).ConfigureAwait(false);
        if (stored is not null && TokenFreshness.IsFresh(stored, timeProvider.GetUtcNow(), client.Context.Options.RefreshBefore))
        {
            metrics.CacheHit();
            return Serve(client.Slot, stored, signOuts);
        }

        metrics.CacheMiss();
        try
        {
            return await RenewAsync(client, rejectedToken: null, cancellationToken).ConfigureAwait(false);
        }
        catch (CognitoException transient) when (transient.IsRetryable && ValidNow(client.Slot.Current) is { } stillValid)
        {
            // Due for renewal (RefreshBefore ahead of expiry) but not expired: a passing outage need not fail the request.
            Log.ServingTokensDespiteFailedRenewal(logger, client.Context.Name, transient.ErrorCode, stillValid.Tokens.ExpiresAt);
            return stillValid;
        }
    }

    private CachedTokens? ValidNow(CachedTokens? tokens) =>
        tokens is not null && tokens.Tokens.ExpiresAt > timeProvider.GetUtcNow() ? tokens : null;

    private Task<CachedTokens> JoinOrStart(ClientTokens client, string? rejectedToken)
    {
        var key = client.Context.StoreKey;
        if (_inFlight.TryGetValue(key, out var running))
        {
            return running;
        }

        // A sign-in failed for good a moment ago with these same options: fail now rather than ask Cognito again.
        if (client.Slot.Brake is { } brake && brake.Holds(client.Context, timeProvider.GetUtcNow()))
        {
            return Task.FromException<CachedTokens>(brake.Repeat());
        }

        var completion = new TaskCompletionSource<CachedTokens>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flight = _inFlight.GetOrAdd(key, completion.Task);
        if (flight == completion.Task)
        {
            _ = FlyAsync(client, rejectedToken, completion);
        }

        return flight;
    }

    private async Task FlyAsync(ClientTokens client, string? rejectedToken, TaskCompletionSource<CachedTokens> completion)
    {
        var key = client.Context.StoreKey;
        try
        {
            var tokens = await ObtainAsync(client, rejectedToken, _stopping.Token).ConfigureAwait(false);
            _inFlight.TryRemove(new(key, completion.Task));
            completion.SetResult(tokens);
        }
        catch (Exception exception)
        {
            // Removed before completing, so the next caller tries again instead of receiving this failure.
            _inFlight.TryRemove(new(key, completion.Task));
            if (exception is OperationCanceledException canceled)
            {
                completion.SetCanceled(canceled.CancellationToken);
            }
            else
            {
                completion.SetException(exception);
            }
        }
    }

    private async Task<CachedTokens> ObtainAsync(ClientTokens client, string? rejectedToken, CancellationToken cancellationToken)
    {
        var key = client.Context.StoreKey;
        var signOuts = client.Slot.SignOuts;

        // Another process sharing the store may be renewing these tokens: wait for its result rather than renew too.
        CognitoTokenSet? seen = null;
        await using var lease = await renewalLock.AcquireAsync(
            key,
            async token => IsUsable(seen = await store.GetAsync(key, token).ConfigureAwait(false), client, rejectedToken),
            cancellationToken).ConfigureAwait(false);
        if (lease is null && IsUsable(seen, client, rejectedToken))
        {
            return Serve(client.Slot, seen, signOuts);
        }

        // Look again: a renewal that finished just before this one started (here or elsewhere) may have stored what we need.
        // A shared store that lost its entry (Redis restarted empty) still leaves this process its own refresh token, where
        // refresh tokens are known not to rotate: a rotating one's copies in a fleet would all be spent but one.
        var current = await store.GetAsync(key, cancellationToken).ConfigureAwait(false)
            ?? (client.Slot.Memory.Refresh == RefreshMethod.RefreshTokenAuth ? client.Slot.Current?.Tokens : null);
        if (IsUsable(current, client, rejectedToken))
        {
            return Serve(client.Slot, current, signOuts);
        }

        var renewed = await RenewWithCognitoAsync(client, current, cancellationToken).ConfigureAwait(false);
        if (client.Slot.SignOuts != signOuts)
        {
            // Signed out while this renewal ran: its callers asked before, so they get the tokens, but nothing keeps them.
            return new CachedTokens(renewed);
        }

        await store.SetAsync(key, renewed, cancellationToken).ConfigureAwait(false);
        return Serve(client.Slot, renewed, signOuts);
    }

    /// <summary>A refresh when there is a refresh token; a full sign-in when there is none, or when the refresh failed for good.</summary>
    private async Task<CognitoTokenSet> RenewWithCognitoAsync(ClientTokens client, CognitoTokenSet? current, CancellationToken cancellationToken)
    {
        if (current?.RefreshToken is not null)
        {
            try
            {
                return await RefreshAsync(client, current, cancellationToken).ConfigureAwait(false);
            }
            catch (CognitoException reused) when (reused.ErrorCode == CognitoErrorCodes.RefreshTokenReuse)
            {
                // Rotated out: another process sharing the store may have rotated it a moment ago. Its result is the way on.
                if (await RefreshedElsewhereAsync(client, current, cancellationToken).ConfigureAwait(false) is { } elsewhere)
                {
                    return elsewhere;
                }

                Log.RefreshTokenRejected(logger, client.Context.Name, reused.ErrorCode);
            }
            catch (Exception exception) when (IsPermanent(exception))
            {
                // Expired, revoked, or refused for another reason a retry cannot fix: only a full sign-in helps.
                Log.RefreshTokenRejected(logger, client.Context.Name, CognitoAuthenticator.ReasonOf(exception));
            }
        }

        var slot = client.Slot;
        try
        {
            var tokens = await authenticator.SignInAsync(client.Context, slot.Memory, memory => slot.Memory = memory, cancellationToken).ConfigureAwait(false);
            slot.Brake = null;
            return tokens;
        }
        catch (Exception exception) when (IsPermanent(exception))
        {
            if (SignInBrake.After(exception, client.Context, slot.Brake, timeProvider.GetUtcNow()) is { } brake)
            {
                slot.Brake = brake;
                Log.SignInPaused(logger, client.Context.Name, CognitoAuthenticator.ReasonOf(exception), brake.Until);
            }

            throw;
        }
    }

    private Task<CognitoTokenSet> RefreshAsync(ClientTokens client, CognitoTokenSet current, CancellationToken cancellationToken) =>
        authenticator.RefreshAsync(client.Context, current, client.Slot.Memory, memory => client.Slot.Memory = memory, cancellationToken);

    /// <summary>
    /// After a <c>RefreshTokenReuseException</c>: the store's tokens when they hold another refresh token — served as they are
    /// while fresh, else refreshed once with that token — or <see langword="null"/> when nobody rotated it (then a sign-in).
    /// </summary>
    private async Task<CognitoTokenSet?> RefreshedElsewhereAsync(ClientTokens client, CognitoTokenSet reused, CancellationToken cancellationToken)
    {
        var latest = await store.GetAsync(client.Context.StoreKey, cancellationToken).ConfigureAwait(false);
        if (latest?.RefreshToken is null || string.Equals(latest.RefreshToken, reused.RefreshToken, StringComparison.Ordinal))
        {
            return null;
        }

        if (TokenFreshness.IsFresh(latest, timeProvider.GetUtcNow(), client.Context.Options.RefreshBefore))
        {
            return latest;
        }

        try
        {
            return await RefreshAsync(client, latest, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsPermanent(exception))
        {
            return null;
        }
    }

    /// <summary>Whether stored <paramref name="tokens"/> can be served: fresh, and not the ones the API rejected.</summary>
    private bool IsUsable([NotNullWhen(true)] CognitoTokenSet? tokens, ClientTokens client, string? rejectedToken) =>
        tokens is not null
        && (rejectedToken is null || !CachedTokens.Holds(tokens, rejectedToken))
        && TokenFreshness.IsFresh(tokens, timeProvider.GetUtcNow(), client.Context.Options.RefreshBefore);

    /// <summary>Failures a retry cannot fix: Cognito's non-retryable errors and what the client cannot answer.</summary>
    private static bool IsPermanent(Exception exception) =>
        exception is CognitoException { IsRetryable: false } or CognitoAuthenticationException;

    /// <summary>
    /// Serves <paramref name="tokens"/> from the slot, reusing its header values when they are the same tokens, and keeps them
    /// unless a sign-out came after <paramref name="signOutsSeen"/>.
    /// </summary>
    private static CachedTokens Serve(TokenSlot slot, CognitoTokenSet tokens, int signOutsSeen)
    {
        if (slot.Current is { } cached && cached.IsFor(tokens))
        {
            return cached;
        }

        var fresh = new CachedTokens(tokens);
        slot.Keep(fresh, signOutsSeen);
        return fresh;
    }
}

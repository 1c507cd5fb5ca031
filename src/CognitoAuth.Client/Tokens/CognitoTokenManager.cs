using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using CognitoAuth.Client.Authentication;
using CognitoAuth.Client.Configuration;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// Serves each user's tokens: from memory while fresh, then from the <see cref="ICognitoTokenStore"/>, else by one renewal
/// (refresh or sign-in) per user at a time — <see cref="JoinOrStartRenewal"/> starts it, <see cref="RunRenewalAsync"/> runs it
/// detached, <c>_renewals</c> holds those under way. Concurrent callers share that one call, which runs detached from any caller's cancellation; a
/// failure is not cached, but a sign-in that failed for good pauses further ones (<see cref="SignInPause"/>). Processes
/// sharing a store take the <see cref="ICognitoRenewalLock"/> around a renewal, so a fleet renews once. Holds no
/// per-request state, so the pooled <c>HttpClient</c> handlers can share it. Which slot a context uses is
/// <see cref="UserSlots"/>'s concern; signing out, <see cref="TokenSignOut"/>'s.
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
    private readonly UserSlots _slots = new();

    private readonly ConcurrentDictionary<string, Task<CachedTokens>> _renewals = new(StringComparer.Ordinal);

    // Stops shared sign-ins when the application shuts down; callers' tokens never do.
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <summary>
    /// Binds <paramref name="client"/> to its user's slot (<see cref="UserSlots"/>). When that drops another user's slot, its
    /// tokens are removed from the store too. Completes synchronously unless it drops something.
    /// </summary>
    public ValueTask<BoundClient> BindAsync(CognitoClientContext client, CancellationToken cancellationToken)
    {
        var (bound, dropped) = _slots.Bind(client);
        return dropped is null ? new(bound) : DropAsync(bound, dropped, cancellationToken);
    }

    /// <summary>
    /// The current tokens of the bound user, checked against the clock on every call (a token is never served past the
    /// moment it is due, however long the machine slept). Allocates nothing when they are cached and fresh.
    /// </summary>
    public ValueTask<CachedTokens> GetAsync(BoundClient client, CancellationToken cancellationToken)
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
    public async ValueTask<CachedTokens> RenewAsync(BoundClient client, string? rejectedToken, CancellationToken cancellationToken)
    {
        var result = await JoinOrStartRenewal(client, rejectedToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (rejectedToken is not null && result.Contains(rejectedToken))
        {
            // We joined a call that began before the token was rejected and found it still fresh: renew it now.
            result = await JoinOrStartRenewal(client, rejectedToken).WaitAsync(cancellationToken).ConfigureAwait(false);
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
        client.Slot.Pause = null;
        var current = await store.GetAsync(client.Context.StoreKey, cancellationToken).ConfigureAwait(false);
        return (await RenewAsync(client, current?.AccessToken, cancellationToken).ConfigureAwait(false)).Tokens;
    }

    /// <inheritdoc />
    public async Task SignOutAsync(string clientName, CancellationToken cancellationToken = default)
    {
        var client = await BindAsync(catalog.Get(clientName), cancellationToken).ConfigureAwait(false);
        var signOut = new TokenSignOut(store, authenticator, logger);
        await signOut.SignOutAsync(client, () => _renewals.GetValueOrDefault(client.Context.StoreKey), cancellationToken).ConfigureAwait(false);
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

    private async ValueTask<BoundClient> DropAsync(BoundClient bound, string droppedKey, CancellationToken cancellationToken)
    {
        Log.IdentityChanged(logger, bound.Context.Name);
        // Not the caller's token: a request cancelled here must not leave the old user's refresh token in the store.
        await store.RemoveAsync(droppedKey, CancellationToken.None).ConfigureAwait(false);
        return bound;
    }

    private async ValueTask<CachedTokens> ReadOrRenewAsync(BoundClient client, CancellationToken cancellationToken)
    {
        var signOuts = client.Slot.SignOuts;
        var stored = await store.GetAsync(client.Context.StoreKey, cancellationToken).ConfigureAwait(false);
        if (stored is not null && TokenFreshness.IsFresh(stored, timeProvider.GetUtcNow(), client.Context.Options.RefreshBefore))
        {
            metrics.CacheHit();
            return Hold(client.Slot, stored, signOuts);
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

    private Task<CachedTokens> JoinOrStartRenewal(BoundClient client, string? rejectedToken)
    {
        var key = client.Context.StoreKey;
        if (_renewals.TryGetValue(key, out var running))
        {
            return running;
        }

        // A sign-in failed for good a moment ago with these same options: fail now rather than ask Cognito again.
        if (client.Slot.Pause is { } pause && pause.Holds(client.Context, timeProvider.GetUtcNow()))
        {
            return Task.FromException<CachedTokens>(pause.Repeat());
        }

        var completion = new TaskCompletionSource<CachedTokens>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flight = _renewals.GetOrAdd(key, completion.Task);
        if (flight == completion.Task)
        {
            _ = RunRenewalAsync(client, rejectedToken, completion);
        }

        return flight;
    }

    private async Task RunRenewalAsync(BoundClient client, string? rejectedToken, TaskCompletionSource<CachedTokens> completion)
    {
        var key = client.Context.StoreKey;
        try
        {
            var tokens = await ObtainAsync(client, rejectedToken, _stopping.Token).ConfigureAwait(false);
            _renewals.TryRemove(new(key, completion.Task));
            completion.SetResult(tokens);
        }
        catch (Exception exception)
        {
            // Removed before completing, so the next caller tries again instead of receiving this failure.
            _renewals.TryRemove(new(key, completion.Task));
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

    private async Task<CachedTokens> ObtainAsync(BoundClient client, string? rejectedToken, CancellationToken cancellationToken)
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
            return Hold(client.Slot, seen, signOuts);
        }

        // Look again: a renewal that finished just before this one started (here or elsewhere) may have stored what we need.
        // A shared store that lost its entry (Redis restarted empty) still leaves this process its own refresh token, where
        // refresh tokens are known not to rotate: a rotating one's copies in a fleet would all be spent but one.
        var current = await store.GetAsync(key, cancellationToken).ConfigureAwait(false)
            ?? (client.Slot.Memory.Refresh == RefreshMethod.RefreshTokenAuth ? client.Slot.Current?.Tokens : null);
        if (IsUsable(current, client, rejectedToken))
        {
            return Hold(client.Slot, current, signOuts);
        }

        var renewed = await RenewWithCognitoAsync(client, current, cancellationToken).ConfigureAwait(false);
        if (client.Slot.SignOuts != signOuts)
        {
            // Signed out while this renewal ran: its callers asked before, so they get the tokens, but nothing keeps them.
            return new CachedTokens(renewed);
        }

        await store.SetAsync(key, renewed, cancellationToken).ConfigureAwait(false);
        return Hold(client.Slot, renewed, signOuts);
    }

    /// <summary>A refresh when there is a refresh token; a full sign-in when there is none, or when the refresh failed for good.</summary>
    private async Task<CognitoTokenSet> RenewWithCognitoAsync(BoundClient client, CognitoTokenSet? current, CancellationToken cancellationToken)
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

        // The remembered device lives with the tokens, and outlives them: the stored set's, expired or not, else this process's.
        var slot = client.Slot;
        var device = current?.Device ?? slot.Current?.Tokens.Device;
        try
        {
            var tokens = await authenticator.SignInAsync(client.Context, slot.Memory, memory => slot.Memory = memory, device, cancellationToken).ConfigureAwait(false);
            slot.Pause = null;
            return tokens;
        }
        catch (Exception exception) when (IsPermanent(exception))
        {
            if (SignInPause.After(exception, client.Context, slot.Pause, timeProvider.GetUtcNow()) is { } pause)
            {
                slot.Pause = pause;
                Log.SignInPaused(logger, client.Context.Name, CognitoAuthenticator.ReasonOf(exception), pause.Until);
            }

            throw;
        }
    }

    private Task<CognitoTokenSet> RefreshAsync(BoundClient client, CognitoTokenSet current, CancellationToken cancellationToken) =>
        authenticator.RefreshAsync(client.Context, current, client.Slot.Memory, memory => client.Slot.Memory = memory, cancellationToken);

    /// <summary>
    /// After a <c>RefreshTokenReuseException</c>: the store's tokens when they hold another refresh token — served as they are
    /// while fresh, else refreshed once with that token — or <see langword="null"/> when nobody rotated it (then a sign-in).
    /// </summary>
    private async Task<CognitoTokenSet?> RefreshedElsewhereAsync(BoundClient client, CognitoTokenSet reused, CancellationToken cancellationToken)
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
    private bool IsUsable([NotNullWhen(true)] CognitoTokenSet? tokens, BoundClient client, string? rejectedToken) =>
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
    private static CachedTokens Hold(TokenSlot slot, CognitoTokenSet tokens, int signOutsSeen)
    {
        if (slot.Current is { } cached && cached.IsFor(tokens))
        {
            return cached;
        }

        var fresh = new CachedTokens(tokens);
        slot.KeepUnlessSignedOut(fresh, signOutsSeen);
        return fresh;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using CognitoAuth.Client.Authentication;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// Serves each user's tokens: from memory while fresh, then from the <see cref="ICognitoTokenStore"/>, else by one refresh or
/// sign-in per user at a time. Concurrent callers share that one call, which runs detached from any caller's cancellation; a
/// failure is not cached. Processes sharing a store take the <see cref="ICognitoRenewalLock"/> around a renewal, so a fleet
/// renews once. Holds no per-request state, so the pooled <c>HttpClient</c> handlers can share it.
/// </summary>
internal sealed class CognitoTokenManager(
    CognitoClientCatalog catalog,
    ICognitoTokenStore store,
    ICognitoRenewalLock renewalLock,
    CognitoAuthenticator authenticator,
    TokenClock clock,
    CognitoClientMetrics metrics,
    ILogger<CognitoTokenManager> logger) : ICognitoTokenProvider, IDisposable
{
    private readonly ConcurrentDictionary<string, Task<CachedTokens>> _inFlight = new(StringComparer.Ordinal);

    // Stops shared sign-ins when the application shuts down; callers' tokens never do.
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// The tokens for a request that can be sent again after a 401. Within the client's <see cref="TokenLease"/> they are
    /// served without reading the wall clock (the hot path). The lease lasts at most a second of the monotonic clock, which
    /// stands still while a machine sleeps on Linux and macOS: tokens that expired during a sleep may go out in the first
    /// second after it, and the API's 401 makes the handler renew them and send the request again.
    /// </summary>
    public ValueTask<CachedTokens> GetForRequestAsync(CognitoClientContext client, CancellationToken cancellationToken)
    {
        if (client.Lease is { } lease && clock.Milliseconds < lease.Until && ReferenceEquals(lease.Tokens, client.Tokens.Current))
        {
            metrics.CacheHit();
            return new(lease.Tokens);
        }

        return GetAsync(client, cancellationToken);
    }

    /// <summary>
    /// The current tokens of <paramref name="client"/>'s user, checked against the wall clock. Allocates nothing when they are
    /// cached and fresh, except a new <see cref="TokenLease"/> at most once a second.
    /// </summary>
    public ValueTask<CachedTokens> GetAsync(CognitoClientContext client, CancellationToken cancellationToken)
    {
        // The tokens this process used last: a shared store (a network hop away) is read only once they are due for renewal.
        // The cheap clock is read first, so a lease never outlasts what the wall clock says.
        var milliseconds = clock.Milliseconds;
        if (client.Tokens.Current is { } local
            && TokenFreshness.FreshFor(local.Tokens, clock.UtcNow, client.Options.RefreshBefore) is var left
            && left > TimeSpan.Zero)
        {
            if (client.Lease is not { } lease || !ReferenceEquals(lease.Tokens, local) || milliseconds >= lease.Until)
            {
                client.Lease = new TokenLease(local, milliseconds + Math.Min(TokenClock.RecheckInterval, (long)left.TotalMilliseconds));
            }

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
    public async ValueTask<CachedTokens> RenewAsync(CognitoClientContext client, string? rejectedToken, CancellationToken cancellationToken)
    {
        var result = await JoinOrStart(client, rejectedToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (rejectedToken is not null && result.Contains(rejectedToken))
        {
            // We joined a call that began before the token was rejected and found it still fresh: renew it now.
            result = await JoinOrStart(client, rejectedToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async ValueTask<CachedTokens> ReadOrRenewAsync(CognitoClientContext client, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(client.StoreKey, cancellationToken).ConfigureAwait(false);
        if (stored is not null && TokenFreshness.IsFresh(stored, clock.UtcNow, client.Options.RefreshBefore))
        {
            metrics.CacheHit();
            return WithHeaders(client, stored);
        }

        metrics.CacheMiss();
        return await RenewAsync(client, rejectedToken: null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<CognitoTokenSet> GetTokensAsync(string clientName, bool forceRenewal = false, CancellationToken cancellationToken = default)
    {
        var client = catalog.Get(clientName);
        if (!forceRenewal)
        {
            return (await GetAsync(client, cancellationToken).ConfigureAwait(false)).Tokens;
        }

        var current = await store.GetAsync(client.StoreKey, cancellationToken).ConfigureAwait(false);
        return (await RenewAsync(client, current?.AccessToken, cancellationToken).ConfigureAwait(false)).Tokens;
    }

    /// <inheritdoc />
    public async Task SignOutAsync(string clientName, CancellationToken cancellationToken = default)
    {
        var client = catalog.Get(clientName);
        try
        {
            var current = await store.GetAsync(client.StoreKey, cancellationToken).ConfigureAwait(false);
            if (current?.RefreshToken is { } refreshToken)
            {
                await authenticator.RevokeAsync(client, refreshToken, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CognitoException exception)
        {
            // Best effort: the tokens expire on their own; what matters here is that this process stops using them.
            Log.RevokeFailed(logger, client.Name, exception.ErrorCode);
        }
        finally
        {
            client.Tokens.Current = null;
            await store.RemoveAsync(client.StoreKey, CancellationToken.None).ConfigureAwait(false);
        }

        Log.SignedOut(logger, client.Name);
    }

    // Only cancels: the provider disposes this once per registration it is exposed under, and callers may still be waiting.
    public void Dispose() => _stopping.Cancel();

    private Task<CachedTokens> JoinOrStart(CognitoClientContext client, string? rejectedToken)
    {
        if (_inFlight.TryGetValue(client.StoreKey, out var running))
        {
            return running;
        }

        var completion = new TaskCompletionSource<CachedTokens>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flight = _inFlight.GetOrAdd(client.StoreKey, completion.Task);
        if (flight == completion.Task)
        {
            _ = FlyAsync(client, rejectedToken, completion);
        }

        return flight;
    }

    private async Task FlyAsync(CognitoClientContext client, string? rejectedToken, TaskCompletionSource<CachedTokens> completion)
    {
        try
        {
            var tokens = await ObtainAsync(client, rejectedToken, _stopping.Token).ConfigureAwait(false);
            _inFlight.TryRemove(new(client.StoreKey, completion.Task));
            completion.SetResult(tokens);
        }
        catch (Exception exception)
        {
            // Removed before completing, so the next caller tries again instead of receiving this failure.
            _inFlight.TryRemove(new(client.StoreKey, completion.Task));
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

    private async Task<CachedTokens> ObtainAsync(CognitoClientContext client, string? rejectedToken, CancellationToken cancellationToken)
    {
        // Another process sharing the store may be renewing these tokens: wait for its result rather than renew too.
        CognitoTokenSet? seen = null;
        await using var lease = await renewalLock.AcquireAsync(
            client.StoreKey,
            async token => IsUsable(seen = await store.GetAsync(client.StoreKey, token).ConfigureAwait(false), client, rejectedToken),
            cancellationToken).ConfigureAwait(false);
        if (lease is null && IsUsable(seen, client, rejectedToken))
        {
            return WithHeaders(client, seen);
        }

        // Look again: a renewal that finished just before this one started (here or elsewhere) may have stored what we need.
        var current = await store.GetAsync(client.StoreKey, cancellationToken).ConfigureAwait(false);
        if (IsUsable(current, client, rejectedToken))
        {
            return WithHeaders(client, current);
        }

        CognitoTokenSet renewed;
        if (current?.RefreshToken is not null)
        {
            try
            {
                renewed = await authenticator.RefreshAsync(client, current, cancellationToken).ConfigureAwait(false);
            }
            catch (CognitoException exception) when (exception.ErrorCode is CognitoErrorCodes.NotAuthorized or CognitoErrorCodes.RefreshTokenReuse)
            {
                // The refresh token expired or was revoked: only a full sign-in helps.
                renewed = await authenticator.SignInAsync(client, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            renewed = await authenticator.SignInAsync(client, cancellationToken).ConfigureAwait(false);
        }

        await store.SetAsync(client.StoreKey, renewed, cancellationToken).ConfigureAwait(false);
        return WithHeaders(client, renewed);
    }

    /// <summary>Whether stored <paramref name="tokens"/> can be served: fresh, and not the ones the API rejected.</summary>
    private bool IsUsable([NotNullWhen(true)] CognitoTokenSet? tokens, CognitoClientContext client, string? rejectedToken) =>
        tokens is not null
        && (rejectedToken is null || !CachedTokens.Holds(tokens, rejectedToken))
        && TokenFreshness.IsFresh(tokens, clock.UtcNow, client.Options.RefreshBefore);

    private static CachedTokens WithHeaders(CognitoClientContext client, CognitoTokenSet tokens)
    {
        var slot = client.Tokens;
        if (slot.Current is { } cached && cached.IsFor(tokens))
        {
            return cached;
        }

        cached = new CachedTokens(tokens);
        slot.Current = cached;
        return cached;
    }
}

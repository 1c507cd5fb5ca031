using CognitoAuth.Client.Authentication;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// Signs a bound user out: this process and the store stop holding the tokens first (a renewal under way keeps nothing, a
/// request racing it cannot put them back), then Cognito revokes the refresh token (the flow's own sign-out where it has one).
/// </summary>
internal sealed class TokenSignOut(ICognitoTokenStore store, CognitoAuthenticator authenticator, ILogger logger)
{
    /// <param name="client">The bound user.</param>
    /// <param name="renewalUnderWay">The user's renewal under way, if any: waited for, so that a store write it began cannot land after ours.</param>
    /// <param name="cancellationToken">Cancels the waits and the revocation, not the dropping of the tokens.</param>
    public async Task SignOutAsync(BoundClient client, Func<Task?> renewalUnderWay, CancellationToken cancellationToken)
    {
        var key = client.Context.StoreKey;

        // A renewal under way keeps nothing from now on; wait for it, so that a store write it began cannot land after ours.
        var held = client.Slot.Current?.Tokens;
        client.Slot.SignOut();
        if (renewalUnderWay() is { } renewal)
        {
            await renewal.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
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
}

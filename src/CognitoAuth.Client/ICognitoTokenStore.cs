namespace CognitoAuth.Client;

/// <summary>
/// Where token sets are kept between requests. The default keeps them in memory; a distributed implementation lets a fleet
/// share one sign-in. Keys separate the Cognito endpoint and pool, the app client and the user. Implementations must be thread-safe.
/// </summary>
public interface ICognitoTokenStore
{
    /// <summary>Gets the token set stored under <paramref name="key"/>, or <see langword="null"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<CognitoTokenSet?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="tokens"/> under <paramref name="key"/>, replacing any previous set.</summary>
    /// <param name="key">The key.</param>
    /// <param name="tokens">The tokens.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask SetAsync(string key, CognitoTokenSet tokens, CancellationToken cancellationToken);

    /// <summary>Removes the token set stored under <paramref name="key"/>, if any.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken);
}

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// Fills a buffer with random bytes: where a sign-in's secrets come from (SRP's ephemeral <c>a</c>; a browser sign-in's PKCE
/// verifier, <c>state</c> and <c>nonce</c>). The default is <see cref="System.Security.Cryptography.RandomNumberGenerator.Fill"/>;
/// tests pass a fixed one.
/// </summary>
internal delegate void RandomFill(Span<byte> destination);

namespace CognitoAuth.Client.Authentication.Interactive;

/// <summary>
/// Fills a buffer with random bytes: where a browser sign-in's PKCE verifier, <c>state</c> and <c>nonce</c> come from. The
/// default is <see cref="System.Security.Cryptography.RandomNumberGenerator.Fill"/>; tests pass a fixed one.
/// </summary>
internal delegate void RandomFill(Span<byte> destination);

namespace CognitoAuth.Client.Authentication.Srp;

/// <summary>
/// Fills a buffer with random bytes: where a sign-in's ephemeral secret <c>a</c> comes from. The default is
/// <see cref="System.Security.Cryptography.RandomNumberGenerator.Fill"/>; tests pass a fixed one.
/// </summary>
internal delegate void SrpRandom(Span<byte> destination);

namespace CognitoAuth.Emulator.Local;

/// <summary>A signed token as the local page shows it: the pool, the header and claims JSON (no signature), when it was signed.</summary>
internal sealed record IssuedToken(string PoolId, string Header, string Claims, DateTimeOffset IssuedAt);

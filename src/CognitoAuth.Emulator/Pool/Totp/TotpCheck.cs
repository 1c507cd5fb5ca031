namespace CognitoAuth.Emulator.Pool.Totp;

/// <summary>A TOTP check: the result and the step the code matched (keep it, to refuse that step's code next time).</summary>
/// <param name="Result">Accepted, mismatch or reused.</param>
/// <param name="Step">The matched time step; null on a mismatch.</param>
internal readonly record struct TotpCheck(TotpResult Result, long? Step);

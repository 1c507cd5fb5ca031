namespace CognitoAuth.Emulator.Pool.Totp;

/// <summary>
/// The outcome of checking a TOTP code, for the caller to turn into AWS's answer: <c>CodeMismatchException</c> "Invalid code
/// or auth state for the user." for a wrong code on the <c>SOFTWARE_TOKEN_MFA</c> challenge
/// (<c>EnableSoftwareTokenMFAException</c> "Code mismatch and fail enable Software Token MFA" from
/// <c>VerifySoftwareToken</c>); AWS's own example code treats a code used already as <c>ExpiredCodeException</c>.
/// </summary>
internal enum TotpResult
{
    /// <summary>The code of a step within the accepted drift, not used before.</summary>
    Accepted,

    /// <summary>No step within the drift has this code.</summary>
    Mismatch,

    /// <summary>The code is right but its step was already answered.</summary>
    Reused,
}

namespace CognitoAuth.Emulator.Pool.Srp;

/// <summary>
/// The outcome of checking a <c>PASSWORD_VERIFIER</c> answer, for the caller to turn into AWS's answer: tokens for
/// <see cref="Verified"/>; <c>InvalidParameterException</c> "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in
/// english." for <see cref="MalformedTimestamp"/>; <c>NotAuthorizedException</c> "Incorrect username or password." for
/// the others.
/// </summary>
internal enum SrpProofResult
{
    /// <summary>The client proved it knows the password.</summary>
    Verified,

    /// <summary>Wrong password, signature, secret block, user or pool; or a timestamp whose text is not the canonical one.</summary>
    Mismatch,

    /// <summary>The timestamp is not in Cognito's format at all.</summary>
    MalformedTimestamp,

    /// <summary>The timestamp is more than <see cref="SrpServerChallenge.TimestampTolerance"/> from the server's clock.</summary>
    StaleTimestamp,
}

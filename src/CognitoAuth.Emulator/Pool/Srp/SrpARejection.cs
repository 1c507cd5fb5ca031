namespace CognitoAuth.Emulator.Pool.Srp;

/// <summary>
/// Why an <c>SRP_A</c> was refused at <c>InitiateAuth</c>. The caller answers <c>InvalidParameterException</c>: what
/// users of AWS report for an altered <c>SRP_A</c> (amazon-cognito-identity-js #356); AWS's exact message for A mod N = 0
/// is not documented. A missing <c>SRP_A</c> is the caller's "Missing required parameter SRP_A".
/// </summary>
internal enum SrpARejection
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>Not hexadecimal, or longer than any value of the group.</summary>
    Malformed,

    /// <summary>A mod N = 0: the proof would not depend on the password (SRP-6a's safeguard).</summary>
    ZeroModN,
}

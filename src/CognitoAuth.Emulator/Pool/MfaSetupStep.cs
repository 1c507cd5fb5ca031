namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// The steps of an <c>MFA_SETUP</c> challenge, each with a session of its own: the challenge's session goes to
/// <c>AssociateSoftwareToken</c>, whose session goes to <c>VerifySoftwareToken</c>, whose session answers the challenge.
/// </summary>
internal enum MfaSetupStep
{
    /// <summary>Not an MFA_SETUP session, or one waiting for AssociateSoftwareToken.</summary>
    AwaitingToken,

    /// <summary>A token was associated; VerifySoftwareToken comes next.</summary>
    TokenAssociated,

    /// <summary>The token was verified; RespondToAuthChallenge MFA_SETUP completes the sign-in.</summary>
    TokenVerified,
}

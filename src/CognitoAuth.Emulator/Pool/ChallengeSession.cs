using CognitoAuth.Emulator.Pool.Srp;
using CognitoAuth.Emulator.Pool.Totp;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// A pending challenge — the one concept of a sign-in in progress, for the API (its <c>Session</c>) and the managed login
/// (its <c>cognito-login</c> cookie) alike: single-use, bound to one user and one app client, valid until
/// <see cref="ExpiresAt"/>. Besides its name it carries what answering it needs: the SRP exchange of a <c>PASSWORD_VERIFIER</c>, or the software token being set
/// up through <c>MFA_SETUP</c> (<see cref="MfaSetup"/>). None of it is shown by <see cref="ToString"/>.
/// </summary>
internal sealed class ChallengeSession
{
    public required string Username { get; init; }

    public required string ClientId { get; init; }

    public required string ChallengeName { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public bool Used { get; set; }

    /// <summary><c>PASSWORD_VERIFIER</c>: the server's half of the SRP exchange.</summary>
    public SrpServerChallenge? Srp { get; init; }

    /// <summary><c>PASSWORD_VERIFIER</c>: the verifier the exchange was made with (a password set since makes the proof stale).</summary>
    public PasswordVerifier? Verifier { get; init; }

    /// <summary>
    /// A <c>PASSWORD_VERIFIER</c> made up for a user who does not exist (PreventUserExistenceErrors): its answer is always
    /// "Incorrect username or password.".
    /// </summary>
    public bool UnknownUser { get; init; }

    /// <summary>
    /// A step of a <c>CUSTOM_AUTH</c> sign-in (a <c>CUSTOM_CHALLENGE</c>, or the <c>PASSWORD_VERIFIER</c> after <c>SRP_A</c>):
    /// the steps so far and what the open custom challenge expects; <see langword="null"/> outside that flow.
    /// </summary>
    public CustomAuthProgress? CustomAuth { get; init; }

    /// <summary>The device the sign-in names (<c>DEVICE_KEY</c>), carried from step to step until the device proves itself.</summary>
    public string? DeviceKey { get; set; }

    /// <summary><c>MFA_SETUP</c>: how far the setup has come.</summary>
    public MfaSetupStep MfaSetup { get; init; }

    /// <summary><c>MFA_SETUP</c> after <c>AssociateSoftwareToken</c>: the token waiting for <c>VerifySoftwareToken</c>.</summary>
    public SoftwareToken? PendingToken { get; init; }

    /// <summary>Cognito's session error when the session is spent or expired, else <see langword="null"/>.</summary>
    public CognitoError? Refusal(DateTimeOffset now) =>
        Used ? SignInErrors.SessionAlreadyUsed
        : now >= ExpiresAt ? SignInErrors.SessionExpired
        : null;

    public override string ToString() => $"ChallengeSession {{ ChallengeName = {ChallengeName}, ExpiresAt = {ExpiresAt:O}, Used = {Used}, MfaSetup = {MfaSetup} }}";
}

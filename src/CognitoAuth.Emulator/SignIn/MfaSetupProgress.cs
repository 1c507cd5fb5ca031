namespace CognitoAuth.Emulator.SignIn;

/// <summary>What a step of an <c>MFA_SETUP</c> enrolment came to: a refusal, or the secret (after association) and the next session.</summary>
/// <param name="Refusal">Cognito's error, or <see langword="null"/>.</param>
/// <param name="SecretCode">The new token's base32 secret (AssociateSoftwareToken only).</param>
/// <param name="Session">The session of the next step.</param>
internal sealed record MfaSetupProgress(Pool.CognitoError? Refusal, string? SecretCode = null, string? Session = null)
{
    public override string ToString() => $"MfaSetupProgress {{ Refusal = {Refusal?.Code ?? "-"} }}";
}

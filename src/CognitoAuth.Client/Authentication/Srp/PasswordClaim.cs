namespace CognitoAuth.Client.Authentication.Srp;

/// <summary>
/// The answer to a <c>PASSWORD_VERIFIER</c> challenge, ready for <c>RespondToAuthChallenge</c>: the caller adds
/// <c>SECRET_HASH</c> over <see cref="Username"/> when the app client has a secret. Holds no password; the signature is
/// still kept out of <see cref="ToString"/>.
/// </summary>
internal sealed class PasswordClaim(string username, string secretBlock, string timestamp, string signature)
{
    /// <summary><c>USER_ID_FOR_SRP</c> from the challenge: the <c>USERNAME</c> of the answer and of its <c>SECRET_HASH</c>.</summary>
    public string Username { get; } = username;

    /// <summary><c>PASSWORD_CLAIM_SECRET_BLOCK</c>: the challenge's <c>SECRET_BLOCK</c>, unchanged.</summary>
    public string SecretBlock { get; } = secretBlock;

    /// <summary><c>TIMESTAMP</c>: the signed time, in Cognito's format.</summary>
    public string Timestamp { get; } = timestamp;

    /// <summary><c>PASSWORD_CLAIM_SIGNATURE</c>: Base64 of the HMAC-SHA256 proof.</summary>
    public string Signature { get; } = signature;

    /// <summary>The four challenge responses, under Cognito's names.</summary>
    public Dictionary<string, string> ToChallengeResponses() => new(StringComparer.Ordinal)
    {
        ["USERNAME"] = Username,
        ["PASSWORD_CLAIM_SECRET_BLOCK"] = SecretBlock,
        ["TIMESTAMP"] = Timestamp,
        ["PASSWORD_CLAIM_SIGNATURE"] = Signature,
    };

    public override string ToString() => $"PasswordClaim {{ Username = {Username}, Timestamp = {Timestamp}, SecretBlock = ***, Signature = *** }}";
}

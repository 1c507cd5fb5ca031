using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// For a client with a secret, SECRET_HASH must be present and computed over the username the caller sent (or, for a
/// sign-in with an alias, the real username).
/// </summary>
internal static class SecretHashes
{
    public static void Ensure(AppClient client, string? secretHash, string username, string? alternativeUsername)
    {
        if (client.ClientSecret is not { } secret)
        {
            return;
        }

        if (secretHash is null)
        {
            throw CognitoErrors.SecretHashMissing(client.ClientId);
        }

        if (!SecretHash.Matches(secretHash, secret, username, client.ClientId)
            && (alternativeUsername is null || !SecretHash.Matches(secretHash, secret, alternativeUsername, client.ClientId)))
        {
            throw CognitoErrors.SecretHashMismatch(client.ClientId);
        }
    }
}

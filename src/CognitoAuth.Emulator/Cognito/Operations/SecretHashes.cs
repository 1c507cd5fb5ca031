using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>The API's <c>SECRET_HASH</c> check outside sign-in (refresh): the client's rule (<see cref="AppClient.SecretHashRefusal"/>) as an error.</summary>
internal static class SecretHashes
{
    public static void Ensure(AppClient client, string? secretHash, string username, string? alternativeUsername)
    {
        if (client.SecretHashRefusal(secretHash, username, alternativeUsername) is { } refusal)
        {
            throw CognitoErrors.From(refusal);
        }
    }
}

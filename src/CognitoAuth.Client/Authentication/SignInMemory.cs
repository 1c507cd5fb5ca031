namespace CognitoAuth.Client.Authentication;

/// <summary>
/// What earlier sign-ins learned about a user that the next one uses. Immutable: a sign-in reports each new value as it
/// learns it, and the token layer keeps it with the user's tokens. Holds no secret.
/// </summary>
/// <param name="NewPasswordInEffect">The configured <c>NewPassword</c> replaced the temporary password: sign in with it first.</param>
internal sealed record SignInMemory(bool NewPasswordInEffect)
{
    public static SignInMemory None { get; } = new(NewPasswordInEffect: false);
}

namespace CognitoAuth.Client;

/// <summary>
/// Creates a user with a temporary password (<c>AdminCreateUser</c>), in the pool of a registered API client and signed with
/// the same AWS credentials. The user then signs in with status <c>FORCE_CHANGE_PASSWORD</c>, which
/// <see cref="CognitoApiClientOptions.NewPassword"/> answers.
/// </summary>
public interface ICognitoUserCreator
{
    /// <summary>Creates the user without sending Cognito's invitation message (the caller knows the temporary password).</summary>
    /// <param name="clientName">The name given to <c>AddCognitoApiClient</c>; its <see cref="CognitoApiClientOptions.UserPoolId"/> and endpoint are used.</param>
    /// <param name="username">The new user's name (or e-mail address, in a pool that uses it as user name).</param>
    /// <param name="temporaryPassword">The temporary password.</param>
    /// <param name="userAttributes">Attributes to set, e.g. <c>email</c>; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the user exists.</returns>
    /// <exception cref="CognitoException">Cognito refused, e.g. <c>UsernameExistsException</c> or <c>InvalidPasswordException</c>.</exception>
    Task CreateUserAsync(
        string clientName,
        string username,
        string temporaryPassword,
        IReadOnlyDictionary<string, string>? userAttributes = null,
        CancellationToken cancellationToken = default);
}

using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// One way to sign in (<see cref="CognitoApiClientOptions.AuthFlow"/>): how a sign-in starts, how a challenge answer is
/// sent, and how tokens are renewed. <see cref="CognitoAuthenticator"/> drives it, answering challenges with the
/// <see cref="IChallengeResponder"/>s until tokens arrive. A new flow is one class and one registration.
/// </summary>
internal interface ISignInFlow
{
    /// <summary>The option value that selects this flow.</summary>
    CognitoAuthFlow AuthFlow { get; }

    /// <summary>The flow's name in logs, traces and metrics (<c>admin_user_password</c>, …).</summary>
    string Name { get; }

    /// <summary>Starts a sign-in: tokens, or the first challenge.</summary>
    Task<SignInStep> StartAsync(SignInAttempt attempt, CancellationToken cancellationToken);

    /// <summary>Sends the answer to <paramref name="challenge"/>; <paramref name="responses"/> already hold <c>USERNAME</c> and <c>SECRET_HASH</c>.</summary>
    Task<SignInStep> RespondAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken);

    /// <summary>
    /// New tokens from <paramref name="current"/>'s refresh token (which is set), keeping it unless Cognito returns another.
    /// <paramref name="attempt"/> carries no password; what the refresh learns goes into its <see cref="SignInAttempt.Memory"/>.
    /// </summary>
    Task<CognitoTokenSet> RefreshAsync(SignInAttempt attempt, CognitoTokenSet current, CancellationToken cancellationToken);

    /// <summary>
    /// The flow's own sign-out, after this process dropped <paramref name="tokens"/> (<see langword="null"/> when it held none):
    /// <see langword="true"/> when the flow revoked the refresh token itself and ended what else it began. Only
    /// <see cref="CognitoAuthFlow.AuthorizationCode"/> has one (the pool domain's revocation endpoint, and the managed-login
    /// session in the browser); the others leave the revocation to <see cref="CognitoAuthenticator"/> (Cognito's <c>RevokeToken</c>).
    /// </summary>
    Task<bool> SignOutAsync(CognitoClientContext client, CognitoTokenSet? tokens, CancellationToken cancellationToken) => Task.FromResult(false);
}

using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// One way to sign in (<see cref="CognitoApiClientOptions.AuthFlow"/>), owning its rules (<see cref="IFlowRules"/>: the keys
/// it reads and requires, what names its tokens), how a sign-in starts and how tokens are renewed.
/// <see cref="CognitoAuthenticator"/> drives it; a flow whose sign-in goes through Cognito's challenges is also an
/// <see cref="IChallengeFlow"/>. A new flow is one class, one registration line (<c>AddSignInFlow&lt;T&gt;</c> in
/// <c>CognitoBearerTokenHttpClientBuilderExtensions</c>), and its public <see cref="CognitoAuthFlow"/> name.
/// </summary>
internal interface ISignInFlow : IFlowRules
{
    /// <summary>The flow's name in logs, traces and metrics (<c>admin_user_password</c>, …).</summary>
    string Name { get; }

    /// <summary>Starts a sign-in: tokens, or (for an <see cref="IChallengeFlow"/>) the first challenge.</summary>
    Task<SignInStep> StartAsync(SignInAttempt attempt, CancellationToken cancellationToken);

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

/// <summary>
/// A flow whose sign-in goes through Cognito's challenges (<c>InitiateAuth</c> then <c>RespondToAuthChallenge</c>, or their
/// admin twins). The driver answers each challenge — the app's <see cref="ICognitoChallengeHandler"/>s first, then the
/// built-in <see cref="IChallengeResponder"/>s — and the flow sends the answer through its channel.
/// </summary>
internal interface IChallengeFlow : ISignInFlow
{
    /// <summary>How many challenge answers one sign-in may send before the driver gives up (a bound against a looping endpoint).</summary>
    int MaxChallengeRounds => 5;

    /// <summary>Sends the answer to <paramref name="challenge"/>; <paramref name="responses"/> already hold <c>USERNAME</c> and <c>SECRET_HASH</c>.</summary>
    Task<SignInStep> RespondAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken);
}

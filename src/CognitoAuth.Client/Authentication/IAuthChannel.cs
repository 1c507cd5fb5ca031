using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// The pair of Cognito operations a flow signs in through: the admin ones (<see cref="AdminAuthChannel"/>) or the public
/// ones (<see cref="PublicAuthChannel"/>).
/// </summary>
internal interface IAuthChannel
{
    /// <summary><c>InitiateAuth</c> (or its admin twin) with <paramref name="authFlow"/>.</summary>
    Task<SignInStep> InitiateAsync(CognitoClientContext client, string authFlow, Dictionary<string, string> parameters, CancellationToken cancellationToken);

    /// <summary><c>RespondToAuthChallenge</c> (or its admin twin) for <paramref name="challenge"/>.</summary>
    Task<SignInStep> RespondAsync(CognitoClientContext client, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken);
}

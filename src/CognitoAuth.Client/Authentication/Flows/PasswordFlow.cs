using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Authentication.Flows;

/// <summary>The user name and password sent as they are (<c>USERNAME</c>, <c>PASSWORD</c>), through an admin or a public channel.</summary>
internal abstract class PasswordFlow(IAuthChannel channel, RefreshTokenRenewal refresh, string cognitoAuthFlow) : IChallengeFlow
{
    public abstract CognitoAuthFlow AuthFlow { get; }

    public abstract string Name { get; }

    public IReadOnlySet<string> Keys => OptionKeys.User;

    public virtual void Validate(CognitoApiClientOptions options, ValidateOptionsResultBuilder errors)
    {
        FlowRules.RequireUser(options, errors);
        FlowRules.RequireEndpoint(options, errors);
    }

    public string StoreKey(CognitoClientContext client) => client.UserStoreKey();

    public Task<SignInStep> StartAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var parameters = attempt.StartParameters();
        parameters[AuthParameterNames.Password] = attempt.Password!;

        return channel.InitiateAsync(attempt.Client, cognitoAuthFlow, parameters, cancellationToken);
    }

    public Task<SignInStep> RespondAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken) =>
        channel.RespondAsync(attempt.Client, challenge, responses, cancellationToken);

    public Task<CognitoTokenSet> RefreshAsync(SignInAttempt attempt, CognitoTokenSet current, CancellationToken cancellationToken) =>
        refresh.RefreshAsync(channel, attempt, current, cancellationToken);
}

using CognitoAuth.Client.Authentication.Srp;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Authentication.Flows;

/// <summary>
/// <see cref="CognitoAuthFlow.CustomAuth"/>: <c>InitiateAuth</c> with <c>CUSTOM_AUTH</c>; the pool's define/create/verify
/// triggers decide the challenges. <c>CUSTOM_CHALLENGE</c> is answered by the app's <see cref="ICognitoChallengeHandler"/>
/// (the driver asks it with the challenge's public parameters); with <see cref="CognitoApiClientOptions.CustomAuthWithSrp"/>
/// the sign-in starts with <c>CHALLENGE_NAME=SRP_A</c> and <c>SRP_A</c>, and <c>PASSWORD_VERIFIER</c> is answered from
/// <see cref="SignInAttempt.Srp"/>. Renewal is the refresh token, as for the password flows.
/// </summary>
internal sealed class CustomAuthFlow(PublicAuthChannel channel, RefreshTokenRenewal refresh) : IChallengeFlow
{
    private static readonly IReadOnlySet<string> OwnKeys = OptionKeys.Of(OptionKeys.User, OptionKeys.CustomAuthWithSrp);

    public CognitoAuthFlow AuthFlow => CognitoAuthFlow.CustomAuth;

    public string Name => "custom_auth";

    public IReadOnlySet<string> Keys => OwnKeys;

    // The pool's triggers decide how many rounds there are (a quiz, a code then a second code, …); the bound only keeps an
    // endpoint that never decides from looping us.
    public int MaxChallengeRounds => 20;

    public void Validate(CognitoApiClientOptions options, ValidateOptionsResultBuilder errors)
    {
        FlowRules.RequireUser(options, errors, password: options.CustomAuthWithSrp);
        if (options.CustomAuthWithSrp)
        {
            FlowRules.RequireUserPoolId(options, errors, "with CustomAuthWithSrp, the part after '_' enters the SRP proof");
        }
        else
        {
            if (!string.IsNullOrEmpty(options.Password))
            {
                errors.AddError(
                    "The CustomAuth flow uses the password only with CustomAuthWithSrp (the SRP proof before the custom challenges): set CustomAuthWithSrp to true, or remove Password.",
                    nameof(options.Password));
            }

            FlowRules.RequireEndpoint(options, errors);
        }
    }

    public string StoreKey(CognitoClientContext client) => client.UserStoreKey();

    public Task<SignInStep> StartAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var parameters = attempt.StartParameters();

        if (attempt.Client.Options.CustomAuthWithSrp)
        {
            // Tells the define trigger that the password comes first, proved by SRP (session[0] is SRP_A).
            attempt.Srp = SrpSignIn.Start();
            parameters[AuthParameterNames.ChallengeName] = ChallengeNameType.SrpA;
            parameters[AuthParameterNames.SrpA] = attempt.Srp.SrpA;
        }

        return channel.InitiateAsync(attempt.Client, AuthFlowType.CustomAuth, parameters, cancellationToken);
    }

    public Task<SignInStep> RespondAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken) =>
        channel.RespondAsync(attempt.Client, challenge, responses, cancellationToken);

    public Task<CognitoTokenSet> RefreshAsync(SignInAttempt attempt, CognitoTokenSet current, CancellationToken cancellationToken) =>
        refresh.RefreshAsync(channel, attempt, current, cancellationToken);
}

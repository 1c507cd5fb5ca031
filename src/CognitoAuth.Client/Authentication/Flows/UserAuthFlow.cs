using CognitoAuth.Client.Authentication.Srp;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Authentication.Flows;

/// <summary>
/// <see cref="CognitoAuthFlow.UserAuth"/>: <c>InitiateAuth</c> with <c>USER_AUTH</c>, choice-based sign-in. With
/// <see cref="CognitoApiClientOptions.PreferredChallenge"/> the first factor is asked for at once (<c>PASSWORD</c> sends the
/// password, <c>PASSWORD_SRP</c> starts SRP, <c>EMAIL_OTP</c>/<c>SMS_OTP</c> have Cognito send a code); without one,
/// Cognito answers <c>SELECT_CHALLENGE</c>, which <see cref="Challenges.SelectChallengeResponder"/> answers. Codes are asked
/// of the app's <see cref="ICognitoChallengeHandler"/>s. Renewal is the refresh token, as for the password flows.
/// </summary>
internal sealed class UserAuthFlow(PublicAuthChannel channel, RefreshTokenRenewal refresh) : IChallengeFlow
{
    /// <summary>The first factors this client can complete, in the order it picks them when it has no preference.</summary>
    public static readonly IReadOnlyList<string> Factors =
        [ChallengeNameType.PasswordSrp, ChallengeNameType.Password, ChallengeNameType.EmailOtp, ChallengeNameType.SmsOtp];

    private static readonly IReadOnlySet<string> OwnKeys = OptionKeys.Of(OptionKeys.User, OptionKeys.PreferredChallenge);

    public CognitoAuthFlow AuthFlow => CognitoAuthFlow.UserAuth;

    public string Name => "user_auth";

    public IReadOnlySet<string> Keys => OwnKeys;

    public void Validate(CognitoApiClientOptions options, ValidateOptionsResultBuilder errors)
    {
        var preferred = options.PreferredChallenge;
        if (preferred is not null && !Factors.Contains(preferred, StringComparer.Ordinal))
        {
            errors.AddError(
                preferred == ChallengeNameType.WebAuthn
                    ? "WEB_AUTHN (passkeys) is not supported by this client: use PASSWORD, PASSWORD_SRP, EMAIL_OTP or SMS_OTP."
                    : $"'{preferred}' is not a first factor of USER_AUTH this client completes: use PASSWORD, PASSWORD_SRP, EMAIL_OTP or SMS_OTP (or none, to pick from what Cognito offers).",
                nameof(options.PreferredChallenge));
        }

        FlowRules.RequireUser(options, errors, password: preferred is ChallengeNameType.Password or ChallengeNameType.PasswordSrp);
        if (preferred == ChallengeNameType.PasswordSrp)
        {
            FlowRules.RequireUserPoolId(options, errors, "with PASSWORD_SRP, the part after '_' enters the SRP proof");
        }
        else
        {
            FlowRules.RequireEndpoint(options, errors);
        }
    }

    public string StoreKey(CognitoClientContext client) => client.UserStoreKey();

    public Task<SignInStep> StartAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var parameters = attempt.StartParameters();

        if (attempt.Client.Options.PreferredChallenge is { } preferred)
        {
            parameters[AuthParameterNames.PreferredChallenge] = preferred;
            AddFactor(attempt, preferred, parameters);
        }

        return channel.InitiateAsync(attempt.Client, AuthFlowType.UserAuth, parameters, cancellationToken);
    }

    public Task<SignInStep> RespondAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken) =>
        channel.RespondAsync(attempt.Client, challenge, responses, cancellationToken);

    public Task<CognitoTokenSet> RefreshAsync(SignInAttempt attempt, CognitoTokenSet current, CancellationToken cancellationToken) =>
        refresh.RefreshAsync(channel, attempt, current, cancellationToken);

    /// <summary>What a chosen first factor sends with it: the password, or <c>SRP_A</c> (starting the attempt's SRP); a code factor sends nothing.</summary>
    public static void AddFactor(SignInAttempt attempt, string factor, Dictionary<string, string> parameters)
    {
        if (factor == ChallengeNameType.Password && attempt.Password is { } password)
        {
            parameters[AuthParameterNames.Password] = password;
        }
        else if (factor == ChallengeNameType.PasswordSrp)
        {
            attempt.Srp = SrpSignIn.Start();
            parameters[AuthParameterNames.SrpA] = attempt.Srp.SrpA;
        }
    }
}

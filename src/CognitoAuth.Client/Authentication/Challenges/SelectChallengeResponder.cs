using CognitoAuth.Client.Authentication.Flows;
using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Client.Authentication.Challenges;

/// <summary>
/// <c>SELECT_CHALLENGE</c> (<c>USER_AUTH</c> without a preference, or with one the user cannot use): answers with the
/// configured <see cref="CognitoApiClientOptions.PreferredChallenge"/> when Cognito offers it, else the first factor of
/// <see cref="UserAuthFlow.Factors"/> Cognito offers and the client can complete — the password ones with a password, the
/// code ones with an <see cref="ICognitoChallengeHandler"/> to ask. Passkeys (<c>WEB_AUTHN</c>) are refused clearly.
/// </summary>
internal sealed class SelectChallengeResponder(IEnumerable<ICognitoChallengeHandler> handlers) : IChallengeResponder
{
    private readonly bool _canAskForCodes = handlers.Any();

    public string ChallengeName => ChallengeNameType.SelectChallenge;

    public ValueTask AnswerAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken)
    {
        var offered = challenge.AvailableChallenges;
        var preferred = attempt.Client.Options.PreferredChallenge;
        var factor = preferred is not null && offered.Contains(preferred, StringComparer.Ordinal)
            ? preferred
            : UserAuthFlow.Factors.FirstOrDefault(f => offered.Contains(f, StringComparer.Ordinal) && CanComplete(attempt, f))
              ?? throw NoFactor(attempt, offered);
        responses[AuthParameterNames.Answer] = factor;
        UserAuthFlow.AddFactor(attempt, factor, responses);
        return ValueTask.CompletedTask;
    }

    private bool CanComplete(SignInAttempt attempt, string factor) => factor switch
    {
        ChallengeNameType.PasswordSrp => attempt.Password is not null && !string.IsNullOrEmpty(attempt.Client.Options.UserPoolId),
        ChallengeNameType.Password => attempt.Password is not null,
        _ => _canAskForCodes,
    };

    private CognitoAuthenticationException NoFactor(SignInAttempt attempt, IReadOnlyList<string> offered)
    {
        var list = offered.Count == 0 ? "nothing" : string.Join(", ", offered);
        var why = offered.Count > 0 && offered.All(f => f == ChallengeNameType.WebAuthn)
            ? "WEB_AUTHN (passkeys) is not supported by this client: allow the user another first factor"
            : (attempt.Password is null ? "configure the Password for PASSWORD or PASSWORD_SRP" : "PASSWORD_SRP needs the UserPoolId") +
              (_canAskForCodes ? string.Empty : ", or register an ICognitoChallengeHandler to answer EMAIL_OTP or SMS_OTP codes");
        return new CognitoAuthenticationException(
            $"Cognito offers the user of client '{attempt.Client.Name}' {list} to sign in with (SELECT_CHALLENGE), and this client can complete none of them: {why}.",
            ChallengeNameType.SelectChallenge);
    }
}

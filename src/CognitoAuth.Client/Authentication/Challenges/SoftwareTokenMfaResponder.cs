using CognitoAuth.Client.Authentication.Totp;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Authentication.Challenges;

/// <summary>
/// <c>SOFTWARE_TOKEN_MFA</c>: the RFC 6238 code of <see cref="CognitoApiClientOptions.TotpSecret"/> for the current 30-second
/// step of the <see cref="TimeProvider"/>. Cognito accepts a code once, so when this user's last code was of the same step,
/// the answer waits for the next one (the challenge's session lasts three minutes).
/// </summary>
internal sealed class SoftwareTokenMfaResponder(TimeProvider timeProvider, ILogger<SoftwareTokenMfaResponder> logger) : IChallengeResponder
{
    public string ChallengeName => ChallengeNameType.SoftwareTokenMfa;

    public async ValueTask AnswerAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken)
    {
        var client = attempt.Client;
        var secret = client.Options.TotpSecret is { Length: > 0 } text
            ? TotpSecret.Parse(text)
            : throw new CognitoAuthenticationException(
                $"The user of client '{client.Name}' signs in with an authenticator app (Cognito answered SOFTWARE_TOKEN_MFA). " +
                $"Configure the base32 secret the app was given as '{nameof(CognitoApiClientOptions.TotpSecret)}' (e.g. CognitoAuth__TotpSecret).",
                ChallengeNameType.SoftwareTokenMfa);

        var code = secret.CodeAt(timeProvider.GetUtcNow());
        if (attempt.Memory.LastTotpStep is { } last && code.TimeStep <= last)
        {
            var wait = TotpGenerator.StepStart(last + 1) - timeProvider.GetUtcNow();
            Log.WaitingForTheNextTotpStep(logger, client.Name, wait.TotalSeconds);
            await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
            code = secret.CodeAt(timeProvider.GetUtcNow());
        }

        attempt.Memory = attempt.Memory with { LastTotpStep = code.TimeStep };
        responses[AuthParameterNames.SoftwareTokenMfaCode] = code.Value;
    }
}

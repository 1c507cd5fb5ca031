using CognitoAuth.Client;

namespace CognitoAuth.Sample;

/// <summary>
/// Answers the challenges only a person can: a custom challenge (<c>--flow CustomAuth</c>: the pool's question, from its
/// public parameters) and the codes Cognito sends by e-mail or SMS (<c>--flow UserAuth</c>, SMS MFA). It asks on the console
/// (standard error, so standard output keeps only the answer); other challenges it leaves to the client's built-in answers.
/// </summary>
internal sealed class ConsoleChallengeHandler(TextReader input, TextWriter prompt) : ICognitoChallengeHandler
{
    public ValueTask<IReadOnlyDictionary<string, string>?> AnswerAsync(CognitoChallenge challenge, CancellationToken cancellationToken)
    {
        var (key, question) = challenge.ChallengeName switch
        {
            "CUSTOM_CHALLENGE" => ("ANSWER", Describe(challenge.Parameters)),
            "EMAIL_OTP" => ("EMAIL_OTP_CODE", $"The code e-mailed to {challenge.Parameters.GetValueOrDefault("CODE_DELIVERY_DESTINATION", "you")}"),
            "SMS_OTP" or "SMS_MFA" => (challenge.ChallengeName + "_CODE", $"The code sent to {challenge.Parameters.GetValueOrDefault("CODE_DELIVERY_DESTINATION", "your phone")}"),
            _ => (null, null),
        };
        if (key is null)
        {
            return ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(null);
        }

        prompt.Write($"  ? {question}: ");
        prompt.Flush();

        // No one at the console (end of input): no answer, and the client says which challenge went unanswered.
        var answer = input.ReadLine()?.Trim();
        return ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(
            string.IsNullOrEmpty(answer) ? null : new Dictionary<string, string>(StringComparer.Ordinal) { [key] = answer });
    }

    /// <summary>The custom challenge's public parameters (what the pool's create trigger shows), without the user name Cognito adds.</summary>
    private static string Describe(IReadOnlyDictionary<string, string> parameters)
    {
        var shown = parameters.Where(p => p.Key != "USERNAME").Select(p => $"{p.Key}: {p.Value}").ToList();
        return shown.Count == 0 ? "The pool's custom challenge" : string.Join("; ", shown);
    }
}

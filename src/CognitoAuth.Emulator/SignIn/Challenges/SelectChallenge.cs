using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.SignIn.Challenges;

/// <summary>
/// The first factor of choice-based sign-in, chosen after InitiateAuth <c>USER_AUTH</c>: <c>SELECT_CHALLENGE</c> answered
/// with <c>ANSWER</c> = one of the <c>AvailableChallenges</c> (with <c>PASSWORD</c> or <c>SRP_A</c> in the same answer, as
/// Cognito allows), or the <c>PASSWORD</c> and <c>PASSWORD_SRP</c> challenges of a preference given without its proof,
/// answered with <c>PASSWORD</c> or <c>SRP_A</c>. The choice spends the session; the chosen factor then goes on as it would
/// from InitiateAuth (<see cref="SignInEngine.FirstFactorAsync"/>): a password checked, an SRP exchange started, a code sent.
/// </summary>
internal sealed class SelectChallenge(string name) : IChallenge
{
    public string Name => name;

    public async Task<SignInResult> AnswerAsync(ChallengeContext context, CancellationToken cancellationToken)
    {
        var factor = name == ChallengeNames.SelectChallenge ? context.Response("ANSWER") : name;
        if (factor is null)
        {
            return new SignInResult.Refused(SignInErrors.MissingParameter("ANSWER"));
        }

        if (factor == ChallengeNames.WebAuthn)
        {
            return new SignInResult.Refused(FirstFactors.WebAuthnNotEmulated);
        }

        // The proof a factor chosen by its own challenge must carry (SELECT_CHALLENGE may leave it to the next step).
        var proof = factor switch
        {
            ChallengeNames.Password => "PASSWORD",
            ChallengeNames.PasswordSrp => "SRP_A",
            _ => null,
        };
        if (name != ChallengeNames.SelectChallenge && context.Response(proof!) is null)
        {
            return new SignInResult.Refused(SignInErrors.MissingParameter(proof!));
        }

        if (context.Check(() =>
            {
                if (!FirstFactors.Names.Contains(factor, StringComparer.Ordinal))
                {
                    return FirstFactors.UnknownFactor(factor);
                }

                if (!FirstFactors.Available(context.Pool, context.User).Contains(factor, StringComparer.Ordinal))
                {
                    return FirstFactors.NotAvailable(factor);
                }

                context.Session.Used = true;
                return null;
            }) is { } refusal)
        {
            return new SignInResult.Refused(refusal);
        }

        return await context.Engine.FirstFactorAsync(
            context.Pool, context.Client, context.User, context.Response("USERNAME")!, factor, context.Responses, cancellationToken).ConfigureAwait(false);
    }
}

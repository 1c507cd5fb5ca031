using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.SignIn.Challenges;

/// <summary>
/// <c>EMAIL_OTP</c>, <c>SMS_OTP</c> and <c>SMS_MFA</c>: answered with the code the challenge sent (<c>EMAIL_OTP_CODE</c>,
/// <c>SMS_OTP_CODE</c>, <c>SMS_MFA_CODE</c>). A wrong code is <c>CodeMismatchException</c> and leaves the session open for
/// another try, as Cognito's; the third wrong code ends the sign-in. A code past its three minutes is refused; a right one
/// spends the session (a code works once) and signs the user in — after a passwordless first factor as after an MFA code.
/// </summary>
internal sealed class OtpCodeChallenge(string name) : IChallenge
{
    public string Name => name;

    public Task<SignInResult> AnswerAsync(ChallengeContext context, CancellationToken cancellationToken) => Task.FromResult(context.Decide(() =>
    {
        var key = CodeChallenges.AnswerKey(name);
        if (context.Response(key) is not { } answer)
        {
            return new SignInResult.Refused(SignInErrors.MissingParameter(key));
        }

        var (pool, session, user) = (context.Pool, context.Session, context.User);
        var code = session.Code!;
        if (pool.Now >= code.ExpiresAt)
        {
            session.Used = true;
            return new SignInResult.Refused(SignInErrors.SignInCodeExpired);
        }

        if (!code.Matches(answer))
        {
            if (++code.WrongAnswers >= SignInCode.MaxWrongAnswers)
            {
                session.Used = true;
                return new SignInResult.Refused(SignInErrors.TooManyWrongCodes);
            }

            return new SignInResult.Refused(SignInErrors.SignInCodeMismatch);
        }

        session.Used = true;
        if (code.FirstFactor)
        {
            // A passwordless sign-in proves possession of the address; the user must still be allowed to sign in.
            if (SignInSteps.FirstFactorRefusal(user) is { } refusal)
            {
                return new SignInResult.Refused(refusal);
            }

            if (user.Status == UserStatus.Unconfirmed)
            {
                return new SignInResult.Refused(SignInErrors.UserNotConfirmed);
            }
        }

        return SignInSteps.SignedIn(pool, user, context.Client);
    }));
}

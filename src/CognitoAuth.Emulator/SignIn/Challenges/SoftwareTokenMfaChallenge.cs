using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Totp;

namespace CognitoAuth.Emulator.SignIn.Challenges;

/// <summary>
/// <c>SOFTWARE_TOKEN_MFA</c>: <c>SOFTWARE_TOKEN_MFA_CODE</c>, the RFC 6238 code of the user's token, a step either side
/// accepted; a code of a step already accepted from the user is refused, as Cognito does. A wrong code leaves the session
/// open for another try, as Cognito's; a right one spends it and signs the user in.
/// </summary>
internal sealed class SoftwareTokenMfaChallenge : IChallenge
{
    public string Name => ChallengeNames.SoftwareTokenMfa;

    public Task<SignInResult> AnswerAsync(ChallengeContext context, CancellationToken cancellationToken) => Task.FromResult(context.Decide(() =>
    {
        if (context.Response("SOFTWARE_TOKEN_MFA_CODE") is not { } code)
        {
            return new SignInResult.Refused(SignInErrors.MissingParameter("SOFTWARE_TOKEN_MFA_CODE"));
        }

        var (pool, user) = (context.Pool, context.User);
        if (user.SoftwareToken is not { } token)
        {
            return new SignInResult.Refused(SignInErrors.SoftwareTokenNotFoundForUser);
        }

        var check = token.Token.Verify(code, pool.Now, user.LastTotpStep);
        switch (check.Result)
        {
            case TotpResult.Mismatch:
                return new SignInResult.Refused(SignInErrors.TotpCodeMismatch);
            case TotpResult.Reused:
                return new SignInResult.Refused(SignInErrors.TotpCodeReused);
        }

        pool.AcceptTotpStep(user, check.Step);
        context.Session.Used = true;
        return SignInSteps.SignedIn(pool, user, context.Client);
    }));
}

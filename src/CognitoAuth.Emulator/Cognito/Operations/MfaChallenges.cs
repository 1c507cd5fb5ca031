using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Totp;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// The answers to the MFA challenges: <c>SOFTWARE_TOKEN_MFA</c> (<c>SOFTWARE_TOKEN_MFA_CODE</c>, the RFC 6238 code of the
/// user's token, a step either side accepted; a code of a step already accepted from the user is refused, as Cognito does)
/// and <c>MFA_SETUP</c> (answered with the session VerifySoftwareToken gave). A wrong code leaves the session open for
/// another try, as Cognito's; a right one spends it. Call under the pool's lock.
/// </summary>
internal static class MfaChallenges
{
    public static AuthOutcome AnswerSoftwareToken(UserPool pool, AppClient client, ChallengeSession session, PoolUser user, Dictionary<string, string> responses)
    {
        var code = responses.GetValueOrDefault("SOFTWARE_TOKEN_MFA_CODE") ?? throw CognitoErrors.MissingParameter("SOFTWARE_TOKEN_MFA_CODE");
        var token = user.SoftwareToken ?? throw CognitoErrors.SoftwareTokenNotFoundForUser();
        var check = token.Token.Verify(code, pool.Now, user.LastTotpStep);
        switch (check.Result)
        {
            case TotpResult.Mismatch:
                throw CognitoErrors.TotpCodeMismatch();
            case TotpResult.Reused:
                throw CognitoErrors.TotpCodeReused();
        }

        pool.AcceptTotpStep(user, check.Step);
        session.Used = true;
        return SignInSteps.SignedIn(pool, user, client);
    }

    public static AuthOutcome AnswerMfaSetup(UserPool pool, AppClient client, ChallengeSession session, PoolUser user)
    {
        // Only the session of a successful VerifySoftwareToken completes the setup.
        if (session.MfaSetup != MfaSetupStep.TokenVerified || user.SoftwareToken is null)
        {
            throw CognitoErrors.InvalidSession();
        }

        session.Used = true;
        return SignInSteps.SignedIn(pool, user, client);
    }
}

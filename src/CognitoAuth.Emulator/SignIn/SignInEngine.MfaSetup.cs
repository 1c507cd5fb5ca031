using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Totp;

namespace CognitoAuth.Emulator.SignIn;

/// <summary>
/// The <c>MFA_SETUP</c> challenge's own steps, between the challenge and its answer: AssociateSoftwareToken with the
/// challenge's session makes a token and a session for VerifySoftwareToken, whose right code makes the token the user's MFA
/// and gives the session that answers <c>MFA_SETUP</c> (<see cref="Challenges.MfaSetupChallenge"/>). Each session is
/// single-use; these operations carry no client id, so the session is found in whichever pool holds it.
/// </summary>
internal sealed partial class SignInEngine
{
    public MfaSetupProgress AssociateForSetup(string session)
    {
        lock (directory.Gate)
        {
            if (SetupSession(session, MfaSetupStep.AwaitingToken, out var pool, out var setup) is { } refusal)
            {
                return new MfaSetupProgress(refusal);
            }

            if (!pool.SoftwareTokenMfaEnabled)
            {
                return new MfaSetupProgress(SignInErrors.SoftwareTokenMfaNotEnabledForPool);
            }

            var token = SoftwareToken.Generate();
            setup.Used = true;
            var next = pool.StartSession(new ChallengeSession
            {
                Username = setup.Username,
                ClientId = setup.ClientId,
                ChallengeName = ChallengeNames.MfaSetup,
                ExpiresAt = pool.SessionExpiry,
                MfaSetup = MfaSetupStep.TokenAssociated,
                PendingToken = token,
            });
            return new MfaSetupProgress(null, token.SecretCode, next);
        }
    }

    public MfaSetupProgress VerifyForSetup(string session, string code, string? deviceName)
    {
        lock (directory.Gate)
        {
            if (SetupSession(session, MfaSetupStep.TokenAssociated, out var pool, out var setup) is { } refusal)
            {
                return new MfaSetupProgress(refusal);
            }

            if (pool.FindUser(setup.Username) is not { } user)
            {
                return new MfaSetupProgress(SignInErrors.InvalidSession);
            }

            var check = setup.PendingToken!.Verify(code, pool.Now);
            if (check.Result != TotpResult.Accepted)
            {
                return new MfaSetupProgress(SignInErrors.SoftwareTokenNotVerified);
            }

            // Set up in the course of a sign-in that MFA ON requires: the token is the user's MFA from now on.
            user.SoftwareToken = new UserSoftwareToken(setup.PendingToken!) { DeviceName = deviceName, Enabled = true };
            user.PendingSoftwareToken = null;
            user.LastTotpStep = check.Step;
            user.LastModifiedAt = pool.Now;
            setup.Used = true;
            var next = pool.StartSession(new ChallengeSession
            {
                Username = setup.Username,
                ClientId = setup.ClientId,
                ChallengeName = ChallengeNames.MfaSetup,
                ExpiresAt = pool.SessionExpiry,
                MfaSetup = MfaSetupStep.TokenVerified,
            });
            directory.Touch();
            return new MfaSetupProgress(null, Session: next);
        }
    }

    /// <summary>A live MFA_SETUP session at <paramref name="step"/>, wherever it is; else Cognito's session error.</summary>
    private CognitoError? SetupSession(string session, MfaSetupStep step, out UserPool pool, out ChallengeSession setup)
    {
        (pool, setup) = (null!, null!);
        if (directory.FindSession(session) is not { } found
            || found.Session.ChallengeName != ChallengeNames.MfaSetup
            || found.Session.MfaSetup != step)
        {
            return SignInErrors.InvalidSession;
        }

        (pool, setup) = found;
        return setup.Refusal(pool.Now);
    }
}

using System.Security.Cryptography;
using System.Text;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Srp;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// <c>USER_SRP_AUTH</c>: InitiateAuth (or AdminInitiateAuth) with <c>USERNAME</c> and <c>SRP_A</c> answers the
/// <c>PASSWORD_VERIFIER</c> challenge (<c>SALT</c>, <c>SRP_B</c>, <c>SECRET_BLOCK</c>, <c>USERNAME</c> and
/// <c>USER_ID_FOR_SRP</c>, both Cognito's real username); the answer (<c>PASSWORD_CLAIM_SIGNATURE</c>,
/// <c>PASSWORD_CLAIM_SECRET_BLOCK</c>, <c>TIMESTAMP</c>, <c>USERNAME</c> = <c>USER_ID_FOR_SRP</c>) is checked against the user's
/// password verifier, and then the sign-in goes on as after a password. The server's three 3072-bit powers run outside the
/// pool's lock; the answer's check is an HMAC.
/// </summary>
internal sealed class SrpAuthentication(PoolDirectory directory)
{
    public const string PasswordVerifierChallenge = "PASSWORD_VERIFIER";

    public AuthFlowResponse Start(Func<(UserPool Pool, AppClient Client)> resolve, Dictionary<string, string> parameters)
    {
        UserPool pool;
        AppClient client;
        PoolUser? user;
        PasswordVerifier? stored;
        string username;
        string srpA;
        lock (directory.Gate)
        {
            (pool, client) = resolve();
            if (!client.AllowsUserSrpAuth)
            {
                throw CognitoErrors.SrpNotEnabled();
            }

            username = parameters.GetValueOrDefault("USERNAME") ?? throw CognitoErrors.MissingParameter("USERNAME");
            srpA = parameters.GetValueOrDefault("SRP_A") ?? throw CognitoErrors.MissingParameter("SRP_A");
            user = pool.FindUser(username);

            // Read once, under the lock: the challenge and the session must hold the same verifier, or a password set
            // between them would let a proof of the old password pass the check in Answer.
            stored = user?.Password;
            SecretHashes.Ensure(client, parameters.GetValueOrDefault("SECRET_HASH"), username, user?.Username);
            if (user is null && !client.PreventUserExistenceErrors)
            {
                throw CognitoErrors.UserDoesNotExist();
            }
        }

        // A user who does not exist (with PreventUserExistenceErrors) gets a challenge all the same, as AWS's guide says, with a
        // salt that is the same at every attempt: its answer then fails as a wrong password's would.
        var verifier = stored ?? Decoy(pool, user?.Username ?? username);
        if (!SrpServerChallenge.TryStart(verifier, srpA, out var challenge, out var rejection))
        {
            throw rejection == SrpARejection.ZeroModN ? CognitoErrors.SrpAZero() : CognitoErrors.SrpAMalformed();
        }

        string session;
        lock (directory.Gate)
        {
            session = pool.StartSession(new ChallengeSession
            {
                Username = challenge.UserIdForSrp,
                ClientId = client.ClientId,
                ChallengeName = PasswordVerifierChallenge,
                ExpiresAt = pool.SessionExpiry,
                Srp = challenge,
                Verifier = stored,
                UnknownUser = stored is null,
            });
        }

        return new AuthFlowResponse
        {
            ChallengeName = PasswordVerifierChallenge,
            Session = session,
            ChallengeParameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["SALT"] = challenge.SaltHex,
                ["SRP_B"] = challenge.SrpB,
                ["SECRET_BLOCK"] = challenge.SecretBlock,
                ["USERNAME"] = challenge.UserIdForSrp,
                ["USER_ID_FOR_SRP"] = challenge.UserIdForSrp,
            },
        };
    }

    /// <summary>
    /// Checks a <c>PASSWORD_VERIFIER</c> answer; the exchange is spent whatever the outcome, so a wrong proof needs a new
    /// InitiateAuth (a malformed <c>TIMESTAMP</c> is a parameter error and leaves the session as it was).
    /// </summary>
    public static AuthOutcome Answer(UserPool pool, AppClient client, ChallengeSession session, PoolUser user, Dictionary<string, string> responses)
    {
        var signature = responses.GetValueOrDefault("PASSWORD_CLAIM_SIGNATURE") ?? throw CognitoErrors.MissingParameter("PASSWORD_CLAIM_SIGNATURE");
        var secretBlock = responses.GetValueOrDefault("PASSWORD_CLAIM_SECRET_BLOCK") ?? throw CognitoErrors.MissingParameter("PASSWORD_CLAIM_SECRET_BLOCK");
        var timestamp = responses.GetValueOrDefault("TIMESTAMP") ?? throw CognitoErrors.MissingParameter("TIMESTAMP");
        var result = session.Srp!.Verify(secretBlock, timestamp, signature, pool.Now);
        if (result == SrpProofResult.MalformedTimestamp)
        {
            throw CognitoErrors.SrpTimestampMalformed();
        }

        session.Used = true;

        // A password set since the challenge began makes the proof one of the old password.
        if (result != SrpProofResult.Verified || !ReferenceEquals(user.Password, session.Verifier))
        {
            throw CognitoErrors.IncorrectUsernameOrPassword();
        }

        if (user.Status == UserStatus.ResetRequired)
        {
            throw CognitoErrors.PasswordResetRequired();
        }

        return SignInSteps.AfterPassword(pool, user, client);
    }

    private static PasswordVerifier Decoy(UserPool pool, string username)
    {
        var salt = HMACSHA256.HashData(pool.DecoyKey, Encoding.UTF8.GetBytes(username))[..PasswordVerifier.SaltBytes];
        salt[0] |= 0x01;
        return PasswordVerifier.Create(pool.SrpName, username, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), _ => salt);
    }
}

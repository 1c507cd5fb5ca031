using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Srp;
using CognitoAuth.Emulator.SignIn.Challenges;
using CognitoAuth.Emulator.Triggers.Events;

namespace CognitoAuth.Emulator.SignIn;

internal sealed partial class SignInEngine
{
    /// <summary>
    /// The first step of <c>CUSTOM_AUTH</c>: the pool must have a DefineAuthChallenge function; the user (or, with
    /// PreventUserExistenceErrors, a user who does not exist — <c>userNotFound</c>) passes PreAuthentication; define, given an
    /// empty session — or <c>SRP_A</c> when the app sent <c>CHALLENGE_NAME=SRP_A</c> and <paramref name="srpA"/> — decides:
    /// fail, issue tokens at once, a <c>CUSTOM_CHALLENGE</c> (<see cref="CustomChallenge"/>), or, after <c>SRP_A</c>, the
    /// <c>PASSWORD_VERIFIER</c> of an SRP exchange, whose answer goes back to define. The functions run outside the lock.
    /// </summary>
    public async Task<SignInResult> StartCustomAsync(
        UserPool pool, AppClient client, string username, string? srpA, string? secretHash, IReadOnlyDictionary<string, string>? clientMetadata,
        CancellationToken cancellationToken)
    {
        CustomAuthRound round;
        PasswordVerifier? stored;
        lock (directory.Gate)
        {
            var user = pool.FindUser(username);
            if (SecretHashRefusal(client, SignInChannel.Api, secretHash, username, user?.Username) is { } wrongHash)
            {
                return new SignInResult.Refused(wrongHash);
            }

            var triggers = pool.Triggers(client.ClientId);
            if (triggers?.Has(DefineAuthChallengeTrigger.Name) != true)
            {
                return new SignInResult.Refused(CustomChallenge.NotConfigured);
            }

            if (user is null && !client.PreventUserExistenceErrors)
            {
                return new SignInResult.Refused(SignInErrors.UserDoesNotExist);
            }

            if (user is not null && (SignInSteps.FirstFactorRefusal(user) ?? (user.Status == UserStatus.Unconfirmed ? SignInErrors.UserNotConfirmed : null)) is { } refusal)
            {
                return new SignInResult.Refused(refusal);
            }

            stored = user?.Password;
            round = new CustomAuthRound(pool, client, user, user?.Username ?? username, user?.SnapshotAttributes() ?? [], triggers, clientMetadata,
                CustomAuthRound.UserNotFoundFlag(client, user));
        }

        if (round.User is { } known && await PreAuthenticationAsync(pool, client, known, cancellationToken).ConfigureAwait(false) is { } refusedByTrigger)
        {
            return new SignInResult.Refused(refusedByTrigger);
        }

        List<ChallengeStep> steps = srpA is null ? [] : [new ChallengeStep(CustomAuthRound.SrpA, true)];
        var (decision, refused) = await CustomChallenge.DefineAsync(round, steps, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (decision!.ChallengeName == ChallengeNames.PasswordVerifier && !decision.FailAuthentication && !decision.IssueTokens)
        {
            // SRP first, as in USER_SRP_AUTH (a made-up exchange for a user who does not exist); its session carries the
            // history on, and its answer comes back to define (CustomChallenge.AnswerPasswordVerifierAsync).
            if (!SrpServerChallenge.TryStart(stored ?? Decoy(pool, round.UserName), srpA!, out var challenge, out var rejection))
            {
                return new SignInResult.Refused(rejection == SrpARejection.ZeroModN ? SignInErrors.SrpAZero : SignInErrors.SrpAMalformed);
            }

            return PasswordVerifierChallenge(pool, client, challenge, stored, deviceKey: null, new CustomAuthProgress(steps, new Dictionary<string, string>(), ChallengeMetadata: null));
        }

        var result = await CustomChallenge.NextAsync(round, steps, decision, decide => CustomChallenge.Recheck(round, decide), cancellationToken).ConfigureAwait(false);
        return await FinishAsync(pool, result, cancellationToken).ConfigureAwait(false);
    }
}

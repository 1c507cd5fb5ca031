using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Emulator.Triggers.Events;

namespace CognitoAuth.Emulator.SignIn.Challenges;

/// <summary>
/// <c>CUSTOM_CHALLENGE</c>, and the loop of a <c>CUSTOM_AUTH</c> sign-in around it, as Cognito runs the pool's three
/// triggers: the answer (<c>ANSWER</c>) goes to VerifyAuthChallengeResponse with the private parameters the challenge was
/// created with; its <c>answerCorrect</c> joins the session history (<c>CUSTOM_CHALLENGE</c>, the result, the challenge's
/// metadata), and DefineAuthChallenge, given the grown history, decides: fail (<c>NotAuthorizedException</c> "Incorrect
/// username or password."), issue tokens, or another <c>CUSTOM_CHALLENGE</c> — which CreateAuthChallenge makes, under a new
/// session. Each session is single-use, so a wrong answer that define lets the user retry is retried on the new session
/// (Cognito caps nothing itself: how many wrong answers end the sign-in is define's to say, as in AWS's samples).
/// <para>
/// The functions run outside the lock; a failed one refuses the step with Cognito's trigger error and leaves the session
/// open. The engine's <c>CUSTOM_AUTH</c> start (<see cref="SignInEngine"/>) asks define first, and a sign-in begun with
/// <c>SRP_A</c> comes back here after its <c>PASSWORD_VERIFIER</c> (<see cref="AnswerPasswordVerifierAsync"/>).
/// </para>
/// </summary>
internal sealed class CustomChallenge : IChallenge
{
    /// <summary>Cognito's refusal of <c>CUSTOM_AUTH</c> in a pool without the trigger it needs (AWS's wording).</summary>
    public static readonly CognitoError NotConfigured = SignInErrors.InvalidParameter("Custom auth lambda trigger is not configured for the user pool.");

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public string Name => ChallengeNames.CustomChallenge;

    public async Task<SignInResult> AnswerAsync(ChallengeContext context, CancellationToken cancellationToken)
    {
        if (context.Response("ANSWER") is not { } answer)
        {
            return new SignInResult.Refused(SignInErrors.MissingParameter("ANSWER"));
        }

        if (context.Session.CustomAuth is not { } progress)
        {
            return new SignInResult.Refused(SignInErrors.InvalidSession);
        }

        var round = Round(context);
        if (round.Triggers?.Has(VerifyAuthChallengeResponseTrigger.Name) != true)
        {
            return new SignInResult.Refused(NotConfigured);
        }

        var correct = false;
        if (await TriggerErrors.RefusalOfAsync(async () => correct = await round.Triggers
                .VerifyAuthChallengeResponseAsync(round.UserName, round.Attributes, progress.PrivateChallengeParameters, answer, round.ClientMetadata, round.UserNotFound, cancellationToken)
                .ConfigureAwait(false) == true).ConfigureAwait(false) is { } failed)
        {
            return new SignInResult.Refused(failed);
        }

        List<ChallengeStep> steps = [.. progress.Steps, new ChallengeStep(ChallengeNames.CustomChallenge, correct, progress.ChallengeMetadata)];
        var (decision, refused) = await DefineAsync(round, steps, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        // The answered challenge is spent with the decision, whatever it is; a next challenge comes with its own session.
        return await NextAsync(round, steps, decision!, decide => context.Decide(() =>
        {
            context.Session.Used = true;
            return decide();
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The <c>PASSWORD_VERIFIER</c> of a <c>CUSTOM_AUTH</c> sign-in begun with <c>SRP_A</c>: the proof is checked as in
    /// <c>USER_SRP_AUTH</c> (a wrong one refuses the sign-in); a right one is recorded (<c>PASSWORD_VERIFIER</c>, passed) and
    /// define decides the next step — typically the custom challenge.
    /// </summary>
    public static async Task<SignInResult> AnswerPasswordVerifierAsync(ChallengeContext context, CancellationToken cancellationToken)
    {
        var proven = false;
        var proof = context.Decide(() =>
        {
            var refusal = PasswordVerifierChallenge.Prove(context);
            proven = refusal is null;
            return refusal ?? new SignInResult.Refused(SignInErrors.InvalidSession);
        });
        if (!proven)
        {
            return proof;
        }

        var round = Round(context);
        List<ChallengeStep> steps = [.. context.Session.CustomAuth!.Steps, new ChallengeStep(ChallengeNames.PasswordVerifier, true)];
        var (decision, refused) = await DefineAsync(round, steps, cancellationToken).ConfigureAwait(false);
        return refused ?? await NextAsync(round, steps, decision!, decide => Recheck(round, decide), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs DefineAuthChallenge on the history so far: its decision, or the refusal of a failed (or unconfigured) function.
    /// An answer that decides nothing, or names a challenge the emulator cannot ask here, is an answer Cognito cannot use.
    /// </summary>
    internal static async Task<(DefineAuthChallengeAnswer? Decision, SignInResult.Refused? Refused)> DefineAsync(
        CustomAuthRound round, IReadOnlyList<ChallengeStep> steps, CancellationToken cancellationToken)
    {
        if (round.Triggers?.Has(DefineAuthChallengeTrigger.Name) != true)
        {
            return (null, new SignInResult.Refused(NotConfigured));
        }

        DefineAuthChallengeAnswer? decision = null;
        var failed = await TriggerErrors.RefusalOfAsync(async () =>
        {
            decision = await round.Triggers
                .DefineAuthChallengeAsync(round.UserName, round.Attributes, steps, round.ClientMetadata, round.UserNotFound, cancellationToken)
                .ConfigureAwait(false);
            if (decision is not { IsDecision: true } || !(decision.FailAuthentication || decision.IssueTokens || Askable(decision.ChallengeName!, steps)))
            {
                throw TriggerErrors.AnswerUnrecognizable();
            }
        }).ConfigureAwait(false);
        return failed is not null ? (null, new SignInResult.Refused(failed)) : (decision, null);
    }

    /// <summary>
    /// Carries out define's decision (other than the start's <c>PASSWORD_VERIFIER</c>, which the engine opens): fail, issue
    /// tokens, or a new custom challenge made by CreateAuthChallenge. <paramref name="commit"/> runs the decision under the
    /// lock, after the caller's re-checks (and spends the answered session).
    /// </summary>
    internal static async Task<SignInResult> NextAsync(
        CustomAuthRound round, IReadOnlyList<ChallengeStep> steps, DefineAuthChallengeAnswer decision, Func<Func<SignInResult>, SignInResult> commit,
        CancellationToken cancellationToken)
    {
        if (decision.FailAuthentication)
        {
            return commit(() => new SignInResult.Refused(SignInErrors.IncorrectUsernameOrPassword));
        }

        if (decision.IssueTokens)
        {
            // Define may issue tokens for a user who does not exist (PreventUserExistenceErrors): there is no one to sign in.
            return commit(() => round.User is null
                ? new SignInResult.Refused(SignInErrors.IncorrectUsernameOrPassword)
                : SignInSteps.SignedIn(round.Pool, round.User, round.Client));
        }

        if (decision.ChallengeName != ChallengeNames.CustomChallenge)
        {
            // Only the start (after SRP_A) may ask for PASSWORD_VERIFIER; DefineAsync lets no other through.
            throw new InvalidOperationException($"{decision.ChallengeName} is opened by the engine's start.");
        }

        if (round.Triggers?.Has(CreateAuthChallengeTrigger.Name) != true)
        {
            return new SignInResult.Refused(NotConfigured);
        }

        CreateAuthChallengeAnswer? created = null;
        if (await TriggerErrors.RefusalOfAsync(async () => created = await round.Triggers
                .CreateAuthChallengeAsync(round.UserName, round.Attributes, ChallengeNames.CustomChallenge, steps, round.ClientMetadata, round.UserNotFound, cancellationToken)
                .ConfigureAwait(false)).ConfigureAwait(false) is { } failed)
        {
            return new SignInResult.Refused(failed);
        }

        return commit(() =>
        {
            var session = round.Pool.StartSession(new ChallengeSession
            {
                Username = round.UserName,
                ClientId = round.Client.ClientId,
                ChallengeName = ChallengeNames.CustomChallenge,
                ExpiresAt = round.Pool.SessionExpiry,
                UnknownUser = round.User is null,
                CustomAuth = new CustomAuthProgress(steps, created?.PrivateChallengeParameters ?? None, created?.ChallengeMetadata),
            });

            // The public parameters go to the app as they are, with the user's real username, as Cognito adds it.
            var parameters = new Dictionary<string, string>(created?.PublicChallengeParameters ?? None, StringComparer.Ordinal);
            parameters.TryAdd("USERNAME", round.UserName);
            return new SignInResult.Challenged(ChallengeNames.CustomChallenge, parameters, session);
        });
    }

    /// <summary>A decision made outside any open session (the start, or after a spent <c>PASSWORD_VERIFIER</c>), committed if the user is still the one the triggers saw.</summary>
    internal static SignInResult Recheck(CustomAuthRound round, Func<SignInResult> decide)
    {
        lock (round.Pool.Gate)
        {
            if (round.User is null)
            {
                return decide();
            }

            return round.Pool.FindUser(round.User.Username) != round.User ? new SignInResult.Refused(SignInErrors.IncorrectUsernameOrPassword)
                : SignInSteps.FirstFactorRefusal(round.User) is { } refusal ? new SignInResult.Refused(refusal)
                : decide();
        }
    }

    /// <summary>
    /// What define may ask for next: <c>CUSTOM_CHALLENGE</c> at any step, <c>PASSWORD_VERIFIER</c> only right after the
    /// <c>SRP_A</c> a sign-in began with.
    /// </summary>
    private static bool Askable(string challengeName, IReadOnlyList<ChallengeStep> steps) =>
        challengeName == ChallengeNames.CustomChallenge
        || (challengeName == ChallengeNames.PasswordVerifier && steps is [{ ChallengeName: CustomAuthRound.SrpA }]);

    private static CustomAuthRound Round(ChallengeContext context)
    {
        lock (context.Pool.Gate)
        {
            return new CustomAuthRound(
                context.Pool, context.Client, context.User, context.User.Username, context.User.SnapshotAttributes(), context.Pool.Triggers(context.Client.ClientId),
                context.ClientMetadata, CustomAuthRound.UserNotFoundFlag(context.Client, context.User));
        }
    }
}

/// <summary>
/// Who and what one step of a <c>CUSTOM_AUTH</c> sign-in shows the pool's trio, read under the lock: the user (none when it
/// does not exist and the client hides that — then <see cref="UserNotFound"/> is set), the event's <c>userName</c> and
/// <c>userAttributes</c>, the step's <c>ClientMetadata</c>.
/// </summary>
internal sealed record CustomAuthRound(
    UserPool Pool,
    AppClient Client,
    PoolUser? User,
    string UserName,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    UserPoolTriggers? Triggers,
    IReadOnlyDictionary<string, string>? ClientMetadata,
    bool? UserNotFound)
{
    /// <summary>The first step's name when the sign-in begins with SRP (<c>CHALLENGE_NAME=SRP_A</c>).</summary>
    public const string SrpA = "SRP_A";

    /// <summary><c>request.userNotFound</c>: sent only by a client with PreventUserExistenceErrors, as AWS's guide says.</summary>
    public static bool? UserNotFoundFlag(AppClient client, PoolUser? user) => client.PreventUserExistenceErrors ? user is null : null;

    public override string ToString() => $"CustomAuthRound {{ UserName = {UserName}, ClientId = {Client.ClientId} }}";
}

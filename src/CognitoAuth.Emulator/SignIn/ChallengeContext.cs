using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.SignIn;

/// <summary>
/// An answer to a challenge, after the engine has found its open session and checked who answers: the session, the user,
/// the app client and the answer's values (<c>ChallengeResponses</c>). A challenge may call out (a trigger) before it
/// decides; it decides in <see cref="Decide"/>, which holds the directory's lock and checks again that the session is open
/// and the user may still sign in.
/// </summary>
internal sealed class ChallengeContext(PoolDirectory directory, UserPool pool, AppClient client, PoolUser user, ChallengeSession session, IReadOnlyDictionary<string, string> responses)
{
    public UserPool Pool { get; } = pool;

    public AppClient Client { get; } = client;

    public PoolUser User { get; } = user;

    public ChallengeSession Session { get; } = session;

    /// <summary>The answer's values (<c>ChallengeResponses</c>).</summary>
    public IReadOnlyDictionary<string, string> Responses { get; } = responses;

    /// <summary>The answer's <c>ClientMetadata</c>, for the triggers the answer runs (the custom challenge's trio).</summary>
    public IReadOnlyDictionary<string, string>? ClientMetadata { get; init; }

    /// <summary>A value of the answer, or <see langword="null"/>.</summary>
    public string? Response(string name) => Responses.GetValueOrDefault(name);

    /// <summary>Runs the challenge's decision (its re-check and commit) under the directory's lock.</summary>
    public SignInResult Decide(Func<SignInResult> decide)
    {
        lock (directory.Gate)
        {
            // Between the engine's checks and now, the session may have been spent by a concurrent answer, the user deleted
            // or disabled.
            if (Session.Refusal(Pool.Now) is { } spent)
            {
                return new SignInResult.Refused(spent);
            }

            if (Pool.FindUser(User.Username) != User)
            {
                return new SignInResult.Refused(SignInErrors.InvalidSession);
            }

            return User.Enabled ? decide() : new SignInResult.Refused(SignInErrors.UserDisabled);
        }
    }

    public override string ToString() => $"ChallengeContext {{ ChallengeName = {Session.ChallengeName}, Username = {User.Username} }}";
}

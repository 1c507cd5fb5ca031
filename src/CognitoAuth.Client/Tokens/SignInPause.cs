using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// The pause after a sign-in failed for a reason a retry cannot fix (<see cref="CognitoApiClientOptions.FailureBackoff"/>):
/// until <see cref="Until"/>, renewals for the same options fail at once with a copy of the failure, and make no call.
/// </summary>
internal sealed class SignInPause(Exception failure, CognitoClientContext context, DateTimeOffset until, TimeSpan backoff)
{
    /// <summary>The longest pause, however many failures follow one another.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    public DateTimeOffset Until { get; } = until;

    /// <summary>The length of this pause; the next failure doubles it.</summary>
    public TimeSpan Backoff { get; } = backoff;

    /// <summary>Whether a renewal with <paramref name="client"/>'s options must wait: a change of the options ends the pause.</summary>
    public bool Holds(CognitoClientContext client, DateTimeOffset now) => ReferenceEquals(client, context) && now < Until;

    /// <summary>
    /// The pause after <paramref name="failure"/>: <see cref="CognitoApiClientOptions.FailureBackoff"/>, or double the
    /// <paramref name="previous"/> pause up to <see cref="MaxBackoff"/>; <see langword="null"/> when pausing is off (a zero backoff).
    /// </summary>
    public static SignInPause? After(Exception failure, CognitoClientContext client, SignInPause? previous, DateTimeOffset now)
    {
        var first = client.Options.FailureBackoff;
        if (first <= TimeSpan.Zero)
        {
            return null;
        }

        var backoff = previous is null ? first : TimeSpan.FromTicks(Math.Min(previous.Backoff.Ticks * 2, Math.Max(first.Ticks, MaxBackoff.Ticks)));
        return new SignInPause(failure, client, now + backoff, backoff);
    }

    /// <summary>
    /// A new exception of the failure's type, code and message, saying that no call was made. A new one per caller: one
    /// exception thrown on many threads at once would have its stack trace written by all of them.
    /// </summary>
    public Exception Repeat()
    {
        var note = $" (Not retried until {Until:O}: the last sign-in failed this way. Change the options or force a renewal to retry now.)";
        return failure switch
        {
            CognitoException cognito => new CognitoException(cognito.ErrorCode, cognito.Message + note, cognito.StatusCode, cognito.RequestId, isRetryable: false),
            CognitoAuthenticationException authentication => new CognitoAuthenticationException(authentication.Message + note, authentication.ChallengeName),
            _ => new CognitoAuthenticationException(failure.Message + note),
        };
    }
}

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// The clocks the token cache reads. Tokens expire by the wall clock (<see cref="TimeProvider.GetUtcNow"/>), but reading it
/// costs ~32 ns on Linux, a tenth of an in-memory request; <see cref="Environment.TickCount64"/> costs ~7 ns. So a request
/// reads the wall clock at most once per <see cref="RecheckInterval"/> of the cheap clock (see <see cref="TokenLease"/>).
/// </summary>
internal sealed class TokenClock
{
    /// <summary>How long the cheap clock may vouch for tokens the wall clock last found fresh.</summary>
    public const long RecheckInterval = 1000;

    private readonly TimeProvider _time;
    private readonly Func<long>? _milliseconds;
    private readonly bool _system;

    public TokenClock(TimeProvider time)
        : this(time, milliseconds: null)
    {
    }

    /// <summary>For tests: <paramref name="milliseconds"/> replaces the cheap clock (e.g. one that stands still while the wall clock jumps, as across a suspend).</summary>
    internal TokenClock(TimeProvider time, Func<long>? milliseconds)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _milliseconds = milliseconds;
        _system = milliseconds is null && ReferenceEquals(time, TimeProvider.System);
    }

    public DateTimeOffset UtcNow => _time.GetUtcNow();

    /// <summary>
    /// Milliseconds on the cheap clock: for the system clock, <see cref="Environment.TickCount64"/> (monotonic; on Linux and
    /// macOS it stands still while the machine sleeps). Any other <see cref="TimeProvider"/> (a test's) is read as is, so that
    /// its wall clock alone decides and a lease never outlasts what it says.
    /// </summary>
    public long Milliseconds =>
        _system ? Environment.TickCount64
        : _milliseconds is { } milliseconds ? milliseconds()
        : _time.GetUtcNow().UtcTicks / TimeSpan.TicksPerMillisecond;
}

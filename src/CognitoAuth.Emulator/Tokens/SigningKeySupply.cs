using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CognitoAuth.Emulator.Tokens;

/// <summary>
/// A few pools' signing keys made ahead on a background thread, so that neither <c>CreateUserPool</c> nor the start of an
/// emulator waits for a 2048-bit RSA key (tens to hundreds of milliseconds each on a busy machine). Each key is handed out
/// once: no two pools share one, and none is weaker than the 2048 bits Cognito's are.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Shared"/> is one supply for the process. A supply per emulator would start empty with every emulator, and the
/// emulator's own reference pool takes its key at start — exactly the wait it exists to remove; a test suite that starts an
/// emulator per test (as docs/EMULATOR.md recommends) would gain nothing. Shared, the keys are made while the first
/// emulators run and the later ones start at once. It is the one piece of process-wide state in the emulator and it is
/// allowed for the reason <c>ArrayPool&lt;T&gt;.Shared</c> is: the keys are interchangeable fresh random values, each used
/// once, so which emulator takes which changes nothing anyone can observe but time.
/// </para>
/// <para>
/// The supply holds at most <see cref="Capacity"/> keys and refills only after a key is taken: a process that creates no
/// pool makes no key, and one that stops creating them makes at most <see cref="Capacity"/> it does not use. When it is
/// empty, <see cref="Take"/> does not wait either: it hands out a <see cref="SigningKey.Deferred"/> key, which the background
/// thread generates before refilling, and only a first use of that key before then waits for it. One background thread at
/// a time, whatever the burst of pools: on a 2-core machine the other core keeps answering requests.
/// </para>
/// </remarks>
internal sealed class SigningKeySupply
{
    private readonly Channel<SigningKey> _ready;
    private readonly ConcurrentQueue<SigningKey> _owed = new();
    private int _filling;

    public SigningKeySupply(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _ready = Channel.CreateBounded<SigningKey>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>The process's supply (see the remarks for why one, and why shared).</summary>
    public static SigningKeySupply Shared { get; } = new(capacity: 4);

    /// <summary>How many keys are kept ready.</summary>
    public int Capacity { get; }

    /// <summary>How many keys are ready now.</summary>
    public int Ready => _ready.Reader.Count;

    /// <summary>A key no one else has: a ready one, else one the background thread generates next. Never waits.</summary>
    public SigningKey Take()
    {
        if (!_ready.Reader.TryRead(out var key))
        {
            key = SigningKey.Deferred();
            _owed.Enqueue(key);
        }

        Refill();
        return key;
    }

    /// <summary>Starts making keys until <see cref="Capacity"/> are ready, unless that is already under way.</summary>
    public void Refill()
    {
        if (Interlocked.CompareExchange(ref _filling, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(Fill);
    }

    private void Fill()
    {
        try
        {
            while (true)
            {
                // Keys already handed out come first: a pool may be about to sign with one.
                if (_owed.TryDequeue(out var owed))
                {
                    owed.Materialize();
                    continue;
                }

                if (_ready.Reader.Count >= Capacity)
                {
                    break;
                }

                var key = SigningKey.Generate();
                if (!_ready.Writer.TryWrite(key))
                {
                    key.Dispose();
                    break;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _filling, 0);
        }

        // A key taken between the last check and the flag's release would otherwise wait for the next Take to be replaced.
        if (!_owed.IsEmpty || _ready.Reader.Count < Capacity)
        {
            Refill();
        }
    }
}

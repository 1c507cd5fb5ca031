namespace CognitoAuth.Emulator;

/// <summary>
/// What the emulator's pools would have e-mailed or texted, newest last (the latest 1,000 messages). Thread-safe. Also
/// served as JSON at <c>GET {CognitoEndpoint}_local/inbox</c>; in memory only, even with a data directory.
/// </summary>
public sealed class EmulatorInbox
{
    private const int Capacity = 1000;
    private readonly Lock _gate = new();
    private readonly LinkedList<InboxMessage> _messages = new();

    internal EmulatorInbox()
    {
    }

    /// <summary>Gets a copy of the messages, oldest first.</summary>
    public IReadOnlyList<InboxMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The newest message to an address or phone number (compared case-insensitively), or <see langword="null"/>.</summary>
    /// <param name="destination">The e-mail address or phone number.</param>
    /// <returns>The message, or <see langword="null"/> when none went there.</returns>
    public InboxMessage? LatestTo(string destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        lock (_gate)
        {
            return _messages.LastOrDefault(m => string.Equals(m.Destination, destination, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Empties the inbox.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _messages.Clear();
        }
    }

    internal void Deliver(InboxMessage message)
    {
        lock (_gate)
        {
            _messages.AddLast(message);
            if (_messages.Count > Capacity)
            {
                _messages.RemoveFirst();
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"EmulatorInbox {{ Count = {Messages.Count} }}";
}

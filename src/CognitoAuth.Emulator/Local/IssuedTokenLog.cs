using System.Text;

namespace CognitoAuth.Emulator.Local;

/// <summary>
/// The latest tokens the emulator signed, decoded, for the local page: each token's header and claims as JSON, never its
/// signature (nor, then, a token anyone could present). In memory only; the oldest go once <see cref="Capacity"/> is reached.
/// </summary>
internal sealed class IssuedTokenLog
{
    public const int Capacity = 50;

    private readonly Queue<IssuedToken> _tokens = new();
    private readonly Lock _gate = new();

    public void Record(string poolId, string header, string claims, DateTimeOffset issuedAt)
    {
        lock (_gate)
        {
            if (_tokens.Count == Capacity)
            {
                _tokens.Dequeue();
            }

            _tokens.Enqueue(new IssuedToken(poolId, header, claims, issuedAt));
        }
    }

    public void Record(string poolId, ReadOnlySpan<byte> header, ReadOnlySpan<byte> claims, DateTimeOffset issuedAt) =>
        Record(poolId, Encoding.UTF8.GetString(header), Encoding.UTF8.GetString(claims), issuedAt);

    /// <summary>The recorded tokens, newest first.</summary>
    public IReadOnlyList<IssuedToken> Latest()
    {
        lock (_gate)
        {
            return [.. _tokens.Reverse()];
        }
    }

    public override string ToString() => $"IssuedTokenLog {{ Count = {_tokens.Count} }}";
}

using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Tokens;

/// <summary>
/// One client context bound to its user's <see cref="TokenSlot"/>: what a request needs to find its token without a lookup.
/// Immutable; a new options snapshot gets a new binding (<see cref="CognitoTokenManager.BindAsync"/>).
/// </summary>
internal sealed class BoundClient(CognitoClientContext context, TokenSlot slot)
{
    public CognitoClientContext Context { get; } = context;

    public TokenSlot Slot { get; } = slot;
}

namespace CognitoAuth.Client.Redis.Tests.Infrastructure;

/// <summary>
/// A misbehaviour of one <see cref="StubCognito"/> call, modelled on the emulator's faults: <see cref="Slow"/> answers after a
/// delay on the stub's clock (and does nothing if the client gave up first), <see cref="Throttle"/> answers Cognito's
/// <c>TooManyRequestsException</c> without running the operation.
/// </summary>
public sealed record StubFault(TimeSpan Delay, string? ErrorCode)
{
    public static StubFault Slow(TimeSpan delay) => new(delay, ErrorCode: null);

    public static StubFault Throttle() => new(TimeSpan.Zero, "TooManyRequestsException");
}

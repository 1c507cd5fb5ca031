using CognitoAuth.Emulator.Triggers;

namespace CognitoAuth.Emulator.Local;

/// <summary>
/// One request as the local page lists it: when, which endpoint (<c>Cognito</c> or <c>API</c>), what (the operation, the
/// OAuth path or the route), the status and the error it answered, if any, and the Lambda triggers it ran (in order). Never
/// a header, a body, a query, an event or an answer.
/// </summary>
internal sealed record RequestLogEntry(DateTimeOffset At, string Endpoint, string Name, int Status, string? Outcome, IReadOnlyList<TriggerInvocation> Triggers);

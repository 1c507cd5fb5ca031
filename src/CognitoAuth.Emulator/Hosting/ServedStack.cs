using CognitoAuth.Emulator.Api;

namespace CognitoAuth.Emulator.Hosting;

/// <summary>
/// What the listeners serve once the stack is deployed (the reference stack or a template): its HTTP APIs, and how a state
/// change reaches the data directory (<see langword="null"/> without one, the state then lives in memory only).
/// </summary>
internal sealed record ServedStack(IReadOnlyList<HttpApi> Apis, Action? Commit);

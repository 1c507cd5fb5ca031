using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>The Cognito endpoint's dispatch table, as the emulator builds it.</summary>
internal static class DispatchTable
{
    public static IReadOnlyDictionary<string, CognitoOperation> Operations { get; } =
        CognitoOperation.All(new PoolDirectory(TimeProvider.System, TimeSpan.FromMinutes(3), new IssuerNaming(EmulatorIssuer.Local), new EmulatorInbox()), "ap-northeast-1");

    public static IReadOnlyList<string> OperationNames { get; } = [.. Operations.Keys.Order(StringComparer.Ordinal)];
}

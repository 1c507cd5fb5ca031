using CognitoAuth.Emulator.Signing;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests;

/// <summary>No type of the emulator that holds a password, token, session, signature or secret shows it in <c>ToString()</c>.</summary>
public sealed class SecretHygieneTests
{
    [Fact]
    public void ToString_EveryTypeHoldingASecret_RedactsIt()
    {
        var (probed, leaks) = RedactionProbe.Run(typeof(CognitoEmulator).Assembly);

        Assert.Empty(leaks);
        Assert.Superset(
            new HashSet<Type> { typeof(CognitoEmulatorOptions), typeof(EmulatorCredentials), typeof(EmulatorAppClient), typeof(AuthorizationHeader) },
            probed.ToHashSet());
    }
}

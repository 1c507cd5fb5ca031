using System.Text.Json;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// The pool's <c>DeviceConfiguration</c> as the emulator acts on it: Cognito remembers devices once either member is given
/// (DescribeUserPool's <c>null</c> means it does not). <see cref="ChallengeRequiredOnNewDevice"/>: a remembered device
/// proves itself (<c>DEVICE_SRP_AUTH</c>) instead of the MFA code; a device not remembered still gives the code.
/// <see cref="DeviceOnlyRememberedOnUserPrompt"/>: ConfirmDevice leaves the device not remembered until UpdateDeviceStatus
/// (<c>UserConfirmationNecessary</c>), else it is remembered at once.
/// </summary>
/// <param name="ChallengeRequiredOnNewDevice">A remembered device replaces the MFA code.</param>
/// <param name="DeviceOnlyRememberedOnUserPrompt">The user opts in (UpdateDeviceStatus) rather than every confirmed device being remembered.</param>
internal sealed record DeviceRemembering(bool ChallengeRequiredOnNewDevice, bool DeviceOnlyRememberedOnUserPrompt)
{
    /// <summary>The settings of a pool's stored <c>DeviceConfiguration</c>, or <see langword="null"/> when it remembers no devices.</summary>
    public static DeviceRemembering? From(JsonElement? configuration)
    {
        if (configuration is not { ValueKind: JsonValueKind.Object } given)
        {
            return null;
        }

        var challenge = Flag(given, "ChallengeRequiredOnNewDevice");
        var prompt = Flag(given, "DeviceOnlyRememberedOnUserPrompt");
        return challenge is null && prompt is null ? null : new DeviceRemembering(challenge ?? false, prompt ?? false);
    }

    private static bool? Flag(JsonElement configuration, string name) =>
        configuration.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}

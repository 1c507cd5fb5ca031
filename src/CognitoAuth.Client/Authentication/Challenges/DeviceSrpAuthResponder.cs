using CognitoAuth.Client.Authentication.Srp;
using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Client.Authentication.Challenges;

/// <summary>
/// <c>DEVICE_SRP_AUTH</c>: Cognito knows the remembered device the sign-in offered (<c>DEVICE_KEY</c>) and asks it to prove its
/// password. The answer starts the device's SRP (<c>SRP_A</c>, kept as <see cref="SignInAttempt.DeviceSrp"/>); Cognito then
/// asks <c>DEVICE_PASSWORD_VERIFIER</c> (<see cref="DevicePasswordVerifierResponder"/>).
/// </summary>
internal sealed class DeviceSrpAuthResponder : IChallengeResponder
{
    public string ChallengeName => ChallengeNameType.DeviceSrpAuth;

    public ValueTask AnswerAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken)
    {
        var device = DeviceOf(attempt, ChallengeName);
        attempt.DeviceSrp = SrpSignIn.Start();
        responses[AuthParameterNames.DeviceKey] = device.DeviceKey;
        responses[AuthParameterNames.SrpA] = attempt.DeviceSrp.SrpA;
        return ValueTask.CompletedTask;
    }

    /// <summary>The device the attempt offered; Cognito asks about one only when a <c>DEVICE_KEY</c> was sent.</summary>
    internal static CognitoDevice DeviceOf(SignInAttempt attempt, string challengeName) =>
        attempt.Device ?? throw new CognitoAuthenticationException(
            $"Cognito asked for {challengeName}, the proof of a remembered device, but this sign-in offered none (set RememberDevice to true).",
            challengeName);
}

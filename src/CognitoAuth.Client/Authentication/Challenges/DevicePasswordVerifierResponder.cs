using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Client.Authentication.Challenges;

/// <summary>
/// <c>DEVICE_PASSWORD_VERIFIER</c>, the second step of a remembered device's proof: the SRP proof of the device password,
/// over the device group key and device key, from the ephemeral key the <c>DEVICE_SRP_AUTH</c> answer drew. The device
/// password itself is never sent.
/// </summary>
internal sealed class DevicePasswordVerifierResponder(TimeProvider timeProvider) : IChallengeResponder
{
    public string ChallengeName => ChallengeNameType.DevicePasswordVerifier;

    public ValueTask AnswerAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken)
    {
        var device = DeviceSrpAuthResponder.DeviceOf(attempt, ChallengeName);
        var srp = attempt.DeviceSrp ?? throw new CognitoAuthenticationException(
            "Cognito asked for DEVICE_PASSWORD_VERIFIER before this sign-in answered DEVICE_SRP_AUTH.", ChallengeName);
        var claim = srp.AnswerDevicePasswordVerifier(challenge.Parameters, device, timeProvider.GetUtcNow());
        responses[AuthParameterNames.DeviceKey] = device.DeviceKey;
        responses["PASSWORD_CLAIM_SECRET_BLOCK"] = claim.SecretBlock;
        responses["TIMESTAMP"] = claim.Timestamp;
        responses["PASSWORD_CLAIM_SIGNATURE"] = claim.Signature;
        return ValueTask.CompletedTask;
    }
}

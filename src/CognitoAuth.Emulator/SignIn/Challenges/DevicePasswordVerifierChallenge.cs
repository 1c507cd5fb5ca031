using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Srp;

namespace CognitoAuth.Emulator.SignIn.Challenges;

/// <summary>
/// <c>DEVICE_PASSWORD_VERIFIER</c>: the device's proof (<c>PASSWORD_CLAIM_SIGNATURE</c> over the device group key, the device
/// key, the secret block and <c>TIMESTAMP</c>, with <c>DEVICE_KEY</c>) checked as <c>PASSWORD_VERIFIER</c> checks the user's,
/// the exchange spent whatever the outcome. A proof that holds signs the user in, the tokens bound to the device; the
/// device's last authentication moves on.
/// </summary>
internal sealed class DevicePasswordVerifierChallenge : IChallenge
{
    public string Name => DeviceSteps.DevicePasswordVerifier;

    public Task<SignInResult> AnswerAsync(ChallengeContext context, CancellationToken cancellationToken) => Task.FromResult(context.Decide(() =>
    {
        if (new[] { "PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP", DeviceSteps.DeviceKeyParameter }.FirstOrDefault(n => context.Response(n) is null) is { } missing)
        {
            return new SignInResult.Refused(SignInErrors.MissingParameter(missing));
        }

        var (pool, session) = (context.Pool, context.Session);
        if (context.Response(DeviceSteps.DeviceKeyParameter) != session.DeviceKey)
        {
            return new SignInResult.Refused(DeviceErrors.DeviceKeyMismatch);
        }

        var result = session.Srp!.Verify(context.Response("PASSWORD_CLAIM_SECRET_BLOCK")!, context.Response("TIMESTAMP")!, context.Response("PASSWORD_CLAIM_SIGNATURE")!, pool.Now);
        if (result == SrpProofResult.MalformedTimestamp)
        {
            return new SignInResult.Refused(SignInErrors.SrpTimestampMalformed);
        }

        session.Used = true;

        // A device forgotten or confirmed again since the challenge began makes the proof one of a device that is gone.
        var device = pool.Devices.FindConfirmed(session.DeviceKey, context.User);
        if (device is null)
        {
            return new SignInResult.Refused(DeviceErrors.DeviceDoesNotExist);
        }

        if (result != SrpProofResult.Verified || !ReferenceEquals(device.Verifier, session.Verifier))
        {
            return new SignInResult.Refused(DeviceErrors.IncorrectDeviceProof);
        }

        device.LastAuthenticatedAt = pool.Now;
        pool.Directory.Touch();
        var signedIn = (SignInResult.Authenticated)SignInSteps.SignedIn(pool, context.User, context.Client);
        return signedIn with { SignIn = signedIn.SignIn with { DeviceKey = device.Key } };
    }));
}

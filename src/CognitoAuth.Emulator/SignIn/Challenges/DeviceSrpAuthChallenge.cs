using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Srp;

namespace CognitoAuth.Emulator.SignIn.Challenges;

/// <summary>
/// <c>DEVICE_SRP_AUTH</c>: the device answers with <c>DEVICE_KEY</c> (the one the challenge was asked of) and <c>SRP_A</c>,
/// and gets <c>DEVICE_PASSWORD_VERIFIER</c> (<c>SALT</c>, <c>SRP_B</c>, <c>SECRET_BLOCK</c>, <c>USERNAME</c>): the user SRP's
/// exchange over the device's verifier, its 3072-bit powers outside the lock. A device forgotten meanwhile is "Device does not
/// exist.".
/// </summary>
internal sealed class DeviceSrpAuthChallenge : IChallenge
{
    public string Name => DeviceSteps.DeviceSrpAuth;

    public Task<SignInResult> AnswerAsync(ChallengeContext context, CancellationToken cancellationToken)
    {
        var deviceKey = context.Response(DeviceSteps.DeviceKeyParameter);
        var srpA = context.Response("SRP_A");
        if (deviceKey is null || srpA is null)
        {
            return Task.FromResult<SignInResult>(new SignInResult.Refused(SignInErrors.MissingParameter(deviceKey is null ? DeviceSteps.DeviceKeyParameter : "SRP_A")));
        }

        PasswordVerifier? verifier;
        lock (context.Pool.Gate)
        {
            if (deviceKey != context.Session.DeviceKey)
            {
                return Task.FromResult<SignInResult>(new SignInResult.Refused(DeviceErrors.DeviceKeyMismatch));
            }

            verifier = context.Pool.Devices.FindConfirmed(deviceKey, context.User)?.Verifier;
        }

        if (verifier is null)
        {
            return Task.FromResult<SignInResult>(new SignInResult.Refused(DeviceErrors.DeviceDoesNotExist));
        }

        if (!SrpServerChallenge.TryStart(verifier, srpA, out var exchange, out var rejection))
        {
            return Task.FromResult<SignInResult>(new SignInResult.Refused(rejection == SrpARejection.ZeroModN ? SignInErrors.SrpAZero : SignInErrors.SrpAMalformed));
        }

        return Task.FromResult(context.Decide(() =>
        {
            context.Session.Used = true;
            var session = context.Pool.StartSession(new ChallengeSession
            {
                Username = context.User.Username,
                ClientId = context.Client.ClientId,
                ChallengeName = DeviceSteps.DevicePasswordVerifier,
                ExpiresAt = context.Pool.SessionExpiry,
                Srp = exchange,
                Verifier = verifier,
                DeviceKey = deviceKey,
            });
            return new SignInResult.Challenged(
                DeviceSteps.DevicePasswordVerifier,
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["SALT"] = exchange.SaltHex,
                    ["SRP_B"] = exchange.SrpB,
                    ["SECRET_BLOCK"] = exchange.SecretBlock,
                    ["USERNAME"] = context.User.Username,
                },
                session);
        }));
    }
}

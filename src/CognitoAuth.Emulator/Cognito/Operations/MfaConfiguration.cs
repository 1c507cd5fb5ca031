using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// SetUserPoolMfaConfig and GetUserPoolMfaConfig: the pool's <c>MfaConfiguration</c> (OFF, OPTIONAL, ON — also set by
/// CreateUserPool and UpdateUserPool) and its MFA types. Software tokens are the one type the emulator serves; SMS, email
/// and WebAuthn configurations are stored and echoed. What a request leaves out stays as it was.
/// </summary>
internal sealed class MfaConfiguration(PoolDirectory directory)
{
    private static readonly string[] MfaValues = ["OFF", "ON", "OPTIONAL"];

    public UserPoolMfaConfigResponse SetUserPoolMfaConfig(SetUserPoolMfaConfigRequest request)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .OneOf("mfaConfiguration", request.MfaConfiguration, MfaValues)
            .ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            if (request.MfaConfiguration is { } mfa)
            {
                pool.Config.MfaConfiguration = mfa;
            }

            var current = pool.MfaSettings;
            pool.MfaSettings = new PoolMfaSettings(
                request.SoftwareTokenMfaConfiguration?.Enabled ?? current.SoftwareTokenEnabled,
                request.SmsMfaConfiguration ?? current.Sms,
                request.EmailMfaConfiguration ?? current.Email,
                request.WebAuthnConfiguration ?? current.WebAuthn);
            pool.Config.LastModifiedDate = pool.Now;
            directory.Touch();
            return Describe(pool);
        }
    }

    public UserPoolMfaConfigResponse GetUserPoolMfaConfig(GetUserPoolMfaConfigRequest request)
    {
        new RequestValidator().Required("userPoolId", request.UserPoolId).ThrowIfInvalid();
        lock (directory.Gate)
        {
            return Describe(directory.Pool(request.UserPoolId!));
        }
    }

    private static UserPoolMfaConfigResponse Describe(UserPool pool) => new()
    {
        MfaConfiguration = pool.MfaConfiguration,
        SoftwareTokenMfaConfiguration = new SoftwareTokenMfaConfigType { Enabled = pool.SoftwareTokenMfaEnabled },
        SmsMfaConfiguration = pool.MfaSettings.Sms,
        EmailMfaConfiguration = pool.MfaSettings.Email,
        WebAuthnConfiguration = pool.MfaSettings.WebAuthn,
    };
}

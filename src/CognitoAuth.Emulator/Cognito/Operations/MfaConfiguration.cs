using System.Text.Json;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.SignIn;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// SetUserPoolMfaConfig and GetUserPoolMfaConfig: the pool's <c>MfaConfiguration</c> (OFF, OPTIONAL, ON — also set by
/// CreateUserPool and UpdateUserPool) and its MFA types — software tokens, and codes by SMS (<c>SmsMfaConfiguration</c>) and
/// e-mail (<c>EmailMfaConfiguration</c>, which needs the ESSENTIALS or PLUS plan and SES e-mail) sent to the emulator's inbox;
/// WebAuthn's configuration is stored and echoed. What a request leaves out stays as it was. Also GetUserAuthFactors.
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
            CheckCodeTypes(pool, request);
            if (request.MfaConfiguration is { } mfa)
            {
                pool.Config.MfaConfiguration = mfa;
            }

            if (request.SmsMfaConfiguration is { ValueKind: JsonValueKind.Object } sms && sms.TryGetProperty("SmsConfiguration", out var smsConfiguration))
            {
                // The SMS configuration given here is the pool's (DescribeUserPool shows it).
                pool.Config.SmsConfiguration = smsConfiguration.Clone();
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

    /// <summary>
    /// GetUserAuthFactors: by access token, the user's MFA types (as GetUser reports them) and the first factors of
    /// <c>USER_AUTH</c> the user can sign in with (<c>ConfiguredUserAuthFactors</c>: <c>PASSWORD</c>, <c>EMAIL_OTP</c>, <c>SMS_OTP</c>).
    /// </summary>
    public GetUserAuthFactorsResponse GetUserAuthFactors(GetUserAuthFactorsRequest request)
    {
        new RequestValidator().Required("accessToken", request.AccessToken).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, user) = AccessTokens.Resolve(directory, request.AccessToken!);
            return new GetUserAuthFactorsResponse
            {
                Username = user.Username,
                PreferredMfaSetting = SoftwareTokens.Preferred(user),
                UserMFASettingList = SoftwareTokens.SettingList(pool, user),
                ConfiguredUserAuthFactors = FirstFactors.Configured(pool, user),
            };
        }
    }

    /// <summary>
    /// What the code MFA types need, as Cognito asks it: MFA not OFF; for e-mail, the ESSENTIALS or PLUS plan, e-mail sent with
    /// Amazon SES and a template with <c>{####}</c>; for SMS, a way to send texts (this request's <c>SmsConfiguration</c> or the pool's).
    /// </summary>
    private static void CheckCodeTypes(UserPool pool, SetUserPoolMfaConfigRequest request)
    {
        var off = (request.MfaConfiguration ?? pool.MfaConfiguration) == "OFF";
        if (request.EmailMfaConfiguration is { ValueKind: not JsonValueKind.Null } email)
        {
            if (off)
            {
                throw CognitoErrors.MfaOffWithMfaType();
            }

            if (pool.Config.UserPoolTier == "LITE")
            {
                throw CognitoErrors.FeatureUnavailableInTier("Email MFA");
            }

            if (!pool.SendsEmailWithSes)
            {
                throw CognitoErrors.EmailCodesNeedSes("Email MFA");
            }

            if (email.ValueKind == JsonValueKind.Object && email.TryGetProperty("Message", out var message)
                && (message.ValueKind != JsonValueKind.String || !message.GetString()!.Contains("{####}", StringComparison.Ordinal)))
            {
                throw CognitoErrors.InvalidParameter("EmailMfaConfiguration.Message must contain the {####} placeholder.");
            }
        }

        if (request.SmsMfaConfiguration is { ValueKind: not JsonValueKind.Null } sms)
        {
            if (off)
            {
                throw CognitoErrors.MfaOffWithMfaType();
            }

            var given = sms.ValueKind == JsonValueKind.Object && sms.TryGetProperty("SmsConfiguration", out var configuration)
                && configuration.ValueKind == JsonValueKind.Object && configuration.TryGetProperty("SnsCallerArn", out _);
            if (!given && !pool.SendsSms)
            {
                throw CognitoErrors.SmsCodesNeedSmsConfiguration("SMS MFA");
            }
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

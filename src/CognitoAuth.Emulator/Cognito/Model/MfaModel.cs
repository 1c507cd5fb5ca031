using System.Text.Json;

namespace CognitoAuth.Emulator.Cognito.Model;

// Shapes of the MFA operations, member for member as in botocore's cognito-idp model. Configurations of MFA types the
// emulator does not serve (SMS, email, WebAuthn) are kept as raw JSON and echoed back.

internal sealed class AssociateSoftwareTokenRequest
{
    public string? AccessToken { get; set; }

    public string? Session { get; set; }
}

internal sealed class AssociateSoftwareTokenResponse
{
    public string? SecretCode { get; set; }

    public string? Session { get; set; }

    public override string ToString() => "AssociateSoftwareTokenResponse { SecretCode = *** }";
}

internal sealed class VerifySoftwareTokenRequest
{
    public string? AccessToken { get; set; }

    public string? Session { get; set; }

    public string? UserCode { get; set; }

    public string? FriendlyDeviceName { get; set; }
}

internal sealed class VerifySoftwareTokenResponse
{
    public string? Status { get; set; }

    public string? Session { get; set; }
}

internal sealed class SetUserMFAPreferenceRequest
{
    public SMSMfaSettingsType? SMSMfaSettings { get; set; }

    public SoftwareTokenMfaSettingsType? SoftwareTokenMfaSettings { get; set; }

    public EmailMfaSettingsType? EmailMfaSettings { get; set; }

    public WebAuthnMfaSettingsType? WebAuthnMfaSettings { get; set; }

    public string? AccessToken { get; set; }
}

internal sealed class AdminSetUserMFAPreferenceRequest
{
    public SMSMfaSettingsType? SMSMfaSettings { get; set; }

    public SoftwareTokenMfaSettingsType? SoftwareTokenMfaSettings { get; set; }

    public EmailMfaSettingsType? EmailMfaSettings { get; set; }

    public WebAuthnMfaSettingsType? WebAuthnMfaSettings { get; set; }

    public string? Username { get; set; }

    public string? UserPoolId { get; set; }
}

internal sealed class SMSMfaSettingsType
{
    public bool? Enabled { get; set; }

    public bool? PreferredMfa { get; set; }
}

internal sealed class SoftwareTokenMfaSettingsType
{
    public bool? Enabled { get; set; }

    public bool? PreferredMfa { get; set; }
}

internal sealed class EmailMfaSettingsType
{
    public bool? Enabled { get; set; }

    public bool? PreferredMfa { get; set; }
}

internal sealed class WebAuthnMfaSettingsType
{
    public bool? Enabled { get; set; }
}

internal sealed class SetUserPoolMfaConfigRequest
{
    public string? UserPoolId { get; set; }

    public JsonElement? SmsMfaConfiguration { get; set; }

    public SoftwareTokenMfaConfigType? SoftwareTokenMfaConfiguration { get; set; }

    public JsonElement? EmailMfaConfiguration { get; set; }

    public string? MfaConfiguration { get; set; }

    public JsonElement? WebAuthnConfiguration { get; set; }
}

/// <summary>The output of SetUserPoolMfaConfig and GetUserPoolMfaConfig: the pool's MFA settings.</summary>
internal sealed class UserPoolMfaConfigResponse
{
    public JsonElement? SmsMfaConfiguration { get; set; }

    public SoftwareTokenMfaConfigType? SoftwareTokenMfaConfiguration { get; set; }

    public JsonElement? EmailMfaConfiguration { get; set; }

    public string? MfaConfiguration { get; set; }

    public JsonElement? WebAuthnConfiguration { get; set; }
}

internal sealed class GetUserPoolMfaConfigRequest
{
    public string? UserPoolId { get; set; }
}

internal sealed class SoftwareTokenMfaConfigType
{
    public bool? Enabled { get; set; }
}

internal sealed class GetUserAuthFactorsRequest
{
    public string? AccessToken { get; set; }
}

internal sealed class GetUserAuthFactorsResponse
{
    public string? Username { get; set; }

    public string? PreferredMfaSetting { get; set; }

    public List<string>? UserMFASettingList { get; set; }

    public List<string>? ConfiguredUserAuthFactors { get; set; }
}

using System.Text.Json;

namespace CognitoAuth.Emulator.Cognito.Model;

// Shapes of the user pool operations, member for member as in botocore's cognito-idp model. Structures the emulator stores but does not act on (LambdaConfig, EmailConfiguration, …) are kept as raw JSON and echoed back.

internal sealed class CreateUserPoolRequest
{
    public string? PoolName { get; set; }

    public UserPoolPolicyType? Policies { get; set; }

    public string? DeletionProtection { get; set; }

    public JsonElement? LambdaConfig { get; set; }

    public List<string>? AutoVerifiedAttributes { get; set; }

    public List<string>? AliasAttributes { get; set; }

    public List<string>? UsernameAttributes { get; set; }

    public string? SmsVerificationMessage { get; set; }

    public string? EmailVerificationMessage { get; set; }

    public string? EmailVerificationSubject { get; set; }

    public VerificationMessageTemplateType? VerificationMessageTemplate { get; set; }

    public string? SmsAuthenticationMessage { get; set; }

    public string? MfaConfiguration { get; set; }

    public JsonElement? UserAttributeUpdateSettings { get; set; }

    public JsonElement? DeviceConfiguration { get; set; }

    public JsonElement? EmailConfiguration { get; set; }

    public JsonElement? SmsConfiguration { get; set; }

    public Dictionary<string, string>? UserPoolTags { get; set; }

    public AdminCreateUserConfigType? AdminCreateUserConfig { get; set; }

    public List<SchemaAttributeType>? Schema { get; set; }

    public JsonElement? UserPoolAddOns { get; set; }

    public UsernameConfigurationType? UsernameConfiguration { get; set; }

    public AccountRecoverySettingType? AccountRecoverySetting { get; set; }

    public string? UserPoolTier { get; set; }
}

internal sealed class CreateUserPoolResponse
{
    public UserPoolType? UserPool { get; set; }
}

internal sealed class DescribeUserPoolRequest
{
    public string? UserPoolId { get; set; }
}

internal sealed class DescribeUserPoolResponse
{
    public UserPoolType? UserPool { get; set; }
}

internal sealed class ListUserPoolsRequest
{
    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }
}

internal sealed class ListUserPoolsResponse
{
    public List<UserPoolDescriptionType>? UserPools { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class UpdateUserPoolRequest
{
    public string? UserPoolId { get; set; }

    public UserPoolPolicyType? Policies { get; set; }

    public string? DeletionProtection { get; set; }

    public JsonElement? LambdaConfig { get; set; }

    public List<string>? AutoVerifiedAttributes { get; set; }

    public string? SmsVerificationMessage { get; set; }

    public string? EmailVerificationMessage { get; set; }

    public string? EmailVerificationSubject { get; set; }

    public VerificationMessageTemplateType? VerificationMessageTemplate { get; set; }

    public string? SmsAuthenticationMessage { get; set; }

    public JsonElement? UserAttributeUpdateSettings { get; set; }

    public string? MfaConfiguration { get; set; }

    public JsonElement? DeviceConfiguration { get; set; }

    public JsonElement? EmailConfiguration { get; set; }

    public JsonElement? SmsConfiguration { get; set; }

    public Dictionary<string, string>? UserPoolTags { get; set; }

    public AdminCreateUserConfigType? AdminCreateUserConfig { get; set; }

    public JsonElement? UserPoolAddOns { get; set; }

    public AccountRecoverySettingType? AccountRecoverySetting { get; set; }

    public string? PoolName { get; set; }

    public string? UserPoolTier { get; set; }
}

internal sealed class UserPoolType
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public UserPoolPolicyType? Policies { get; set; }

    public string? DeletionProtection { get; set; }

    public JsonElement? LambdaConfig { get; set; }

    public string? Status { get; set; }

    public DateTimeOffset? LastModifiedDate { get; set; }

    public DateTimeOffset? CreationDate { get; set; }

    public List<SchemaAttributeType>? SchemaAttributes { get; set; }

    public List<string>? AutoVerifiedAttributes { get; set; }

    public List<string>? AliasAttributes { get; set; }

    public List<string>? UsernameAttributes { get; set; }

    public string? SmsVerificationMessage { get; set; }

    public string? EmailVerificationMessage { get; set; }

    public string? EmailVerificationSubject { get; set; }

    public VerificationMessageTemplateType? VerificationMessageTemplate { get; set; }

    public string? SmsAuthenticationMessage { get; set; }

    public JsonElement? UserAttributeUpdateSettings { get; set; }

    public string? MfaConfiguration { get; set; }

    public JsonElement? DeviceConfiguration { get; set; }

    public int? EstimatedNumberOfUsers { get; set; }

    public JsonElement? EmailConfiguration { get; set; }

    public JsonElement? SmsConfiguration { get; set; }

    public Dictionary<string, string>? UserPoolTags { get; set; }

    public string? SmsConfigurationFailure { get; set; }

    public string? EmailConfigurationFailure { get; set; }

    public string? Domain { get; set; }

    public string? CustomDomain { get; set; }

    public AdminCreateUserConfigType? AdminCreateUserConfig { get; set; }

    public JsonElement? UserPoolAddOns { get; set; }

    public UsernameConfigurationType? UsernameConfiguration { get; set; }

    public string? Arn { get; set; }

    public AccountRecoverySettingType? AccountRecoverySetting { get; set; }

    public string? UserPoolTier { get; set; }
}

internal sealed class UserPoolPolicyType
{
    public PasswordPolicyType? PasswordPolicy { get; set; }

    public SignInPolicyType? SignInPolicy { get; set; }
}

/// <summary>The first factors <c>USER_AUTH</c> may offer (<c>PASSWORD</c>, <c>EMAIL_OTP</c>, <c>SMS_OTP</c>, <c>WEB_AUTHN</c>).</summary>
internal sealed class SignInPolicyType
{
    public List<string>? AllowedFirstAuthFactors { get; set; }
}

internal sealed class PasswordPolicyType
{
    public int? MinimumLength { get; set; }

    public bool? RequireUppercase { get; set; }

    public bool? RequireLowercase { get; set; }

    public bool? RequireNumbers { get; set; }

    public bool? RequireSymbols { get; set; }

    public int? TemporaryPasswordValidityDays { get; set; }
}

internal sealed class SchemaAttributeType
{
    public string? Name { get; set; }

    public string? AttributeDataType { get; set; }

    public bool? DeveloperOnlyAttribute { get; set; }

    public bool? Mutable { get; set; }

    public bool? Required { get; set; }

    public NumberAttributeConstraintsType? NumberAttributeConstraints { get; set; }

    public StringAttributeConstraintsType? StringAttributeConstraints { get; set; }
}

internal sealed class NumberAttributeConstraintsType
{
    public string? MinValue { get; set; }

    public string? MaxValue { get; set; }
}

internal sealed class StringAttributeConstraintsType
{
    public string? MinLength { get; set; }

    public string? MaxLength { get; set; }
}

internal sealed class AdminCreateUserConfigType
{
    public bool? AllowAdminCreateUserOnly { get; set; }

    public int? UnusedAccountValidityDays { get; set; }

    public MessageTemplateType? InviteMessageTemplate { get; set; }
}

internal sealed class MessageTemplateType
{
    public string? SMSMessage { get; set; }

    public string? EmailMessage { get; set; }

    public string? EmailSubject { get; set; }
}

internal sealed class VerificationMessageTemplateType
{
    public string? SmsMessage { get; set; }

    public string? EmailMessage { get; set; }

    public string? EmailSubject { get; set; }

    public string? EmailMessageByLink { get; set; }

    public string? EmailSubjectByLink { get; set; }

    public string? DefaultEmailOption { get; set; }
}

internal sealed class UsernameConfigurationType
{
    public bool? CaseSensitive { get; set; }
}

internal sealed class AccountRecoverySettingType
{
    public List<RecoveryOptionType>? RecoveryMechanisms { get; set; }
}

internal sealed class RecoveryOptionType
{
    public int? Priority { get; set; }

    public string? Name { get; set; }
}

internal sealed class UserPoolDescriptionType
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public JsonElement? LambdaConfig { get; set; }

    public string? Status { get; set; }

    public DateTimeOffset? LastModifiedDate { get; set; }

    public DateTimeOffset? CreationDate { get; set; }
}


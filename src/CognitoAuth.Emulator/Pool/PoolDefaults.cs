using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// What Cognito fills in for a pool created with few settings (password policy, standard schema, messages), the
/// reference pool's settings, and the password policy the emulator enforces from a pool's settings.
/// </summary>
internal static class PoolDefaults
{
    public const string VerificationSubject = "Your verification code";
    public const string VerificationMessage = "Your verification code is {####}. ";
    public const string InvitationSubject = "Your temporary password";
    public const string InvitationMessage = "Your username is {username} and temporary password is {####}. ";

    // Sign-in codes (EMAIL_OTP, SMS_OTP, SMS_MFA) without a template of the pool's: the emulator's wording.
    public const string AuthenticationSubject = "Your sign-in code";
    public const string AuthenticationMessage = "Your authentication code is {####}. ";

    private static readonly string[] StringAttributes =
    [
        "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
        "website", "email", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "address",
    ];

    /// <summary>Cognito's default policy: 8 characters, all four character classes, temporary passwords valid 7 days.</summary>
    public static PasswordPolicyType DefaultPasswordPolicy() => new()
    {
        MinimumLength = 8,
        RequireUppercase = true,
        RequireLowercase = true,
        RequireNumbers = true,
        RequireSymbols = true,
        TemporaryPasswordValidityDays = 7,
    };

    public static PasswordPolicyDefinition PasswordPolicyOf(UserPoolType config)
    {
        var policy = config.Policies?.PasswordPolicy ?? DefaultPasswordPolicy();
        return new PasswordPolicyDefinition(
            MinimumLength: policy.MinimumLength ?? 8,
            RequireLowercase: policy.RequireLowercase ?? false,
            RequireUppercase: policy.RequireUppercase ?? false,
            RequireDigits: policy.RequireNumbers ?? false,
            RequireSymbols: policy.RequireSymbols ?? false,
            TemporaryPasswordValidity: TimeSpan.FromDays(policy.TemporaryPasswordValidityDays ?? 7));
    }

    /// <summary>The standard attributes, as DescribeUserPool lists them, with the request's overrides and custom attributes.</summary>
    public static List<SchemaAttributeType> Schema(IEnumerable<SchemaAttributeType>? requested)
    {
        var schema = new List<SchemaAttributeType>
        {
            StringAttribute("sub", mutable: false, required: true, minLength: "1"),
        };
        schema.AddRange(StringAttributes.Select(name => StringAttribute(name, mutable: true, required: false, minLength: "0")));
        schema.Add(new SchemaAttributeType { Name = "email_verified", AttributeDataType = "Boolean", DeveloperOnlyAttribute = false, Mutable = true, Required = false });
        schema.Add(new SchemaAttributeType { Name = "phone_number_verified", AttributeDataType = "Boolean", DeveloperOnlyAttribute = false, Mutable = true, Required = false });
        schema.Add(new SchemaAttributeType
        {
            Name = "updated_at", AttributeDataType = "Number", DeveloperOnlyAttribute = false, Mutable = true, Required = false,
            NumberAttributeConstraints = new NumberAttributeConstraintsType { MinValue = "0" },
        });

        foreach (var attribute in requested ?? [])
        {
            var index = schema.FindIndex(s => s.Name == attribute.Name);
            if (index >= 0)
            {
                schema[index].Required = attribute.Required ?? schema[index].Required;
                schema[index].Mutable = attribute.Mutable ?? schema[index].Mutable;
            }
            else
            {
                schema.Add(new SchemaAttributeType
                {
                    Name = "custom:" + attribute.Name,
                    AttributeDataType = attribute.AttributeDataType ?? "String",
                    DeveloperOnlyAttribute = attribute.DeveloperOnlyAttribute ?? false,
                    Mutable = attribute.Mutable ?? true,
                    Required = false,
                    StringAttributeConstraints = attribute.AttributeDataType is null or "String" ? attribute.StringAttributeConstraints ?? new StringAttributeConstraintsType() : null,
                    NumberAttributeConstraints = attribute.AttributeDataType == "Number" ? attribute.NumberAttributeConstraints ?? new NumberAttributeConstraintsType() : null,
                });
            }
        }

        return schema;
    }

    /// <summary>The reference pool (ReferenceStack.UserPool) in Cognito's terms.</summary>
    public static CreateUserPoolRequest Reference()
    {
        var definition = ReferenceStack.UserPool;
        var policy = definition.PasswordPolicy;
        return new CreateUserPoolRequest
        {
            PoolName = definition.Name,
            Policies = new UserPoolPolicyType
            {
                PasswordPolicy = new PasswordPolicyType
                {
                    MinimumLength = policy.MinimumLength,
                    RequireUppercase = policy.RequireUppercase,
                    RequireLowercase = policy.RequireLowercase,
                    RequireNumbers = policy.RequireDigits,
                    RequireSymbols = policy.RequireSymbols,
                    TemporaryPasswordValidityDays = (int)policy.TemporaryPasswordValidity.TotalDays,
                },
            },
            UsernameAttributes = definition.SignInWithEmailAsUsername ? ["email"] : null,
            AutoVerifiedAttributes = ["email"],
            UsernameConfiguration = new UsernameConfigurationType { CaseSensitive = definition.CaseSensitiveSignIn },
            EmailVerificationSubject = definition.VerificationEmailSubject,
            EmailVerificationMessage = definition.VerificationMessage,
            SmsVerificationMessage = definition.VerificationMessage,
            VerificationMessageTemplate = new VerificationMessageTemplateType
            {
                EmailSubject = definition.VerificationEmailSubject,
                EmailMessage = definition.VerificationMessage,
                SmsMessage = definition.VerificationMessage,
                DefaultEmailOption = "CONFIRM_WITH_CODE",
            },
            AdminCreateUserConfig = new AdminCreateUserConfigType { AllowAdminCreateUserOnly = !definition.SelfSignUpEnabled },
            MfaConfiguration = definition.Mfa switch { MfaDefinition.On => "ON", MfaDefinition.Optional => "OPTIONAL", _ => "OFF" },
            AccountRecoverySetting = definition.AccountRecoveryByEmailOnly
                ? new AccountRecoverySettingType { RecoveryMechanisms = [new RecoveryOptionType { Name = "verified_email", Priority = 1 }] }
                : null,
        };
    }

    private static SchemaAttributeType StringAttribute(string name, bool mutable, bool required, string minLength) => new()
    {
        Name = name,
        AttributeDataType = "String",
        DeveloperOnlyAttribute = false,
        Mutable = mutable,
        Required = required,
        StringAttributeConstraints = new StringAttributeConstraintsType { MinLength = minLength, MaxLength = "2048" },
    };
}

using System.Text.Json;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Tokens;
using CognitoAuth.Emulator.Triggers;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// CreateUserPool, DescribeUserPool, ListUserPools, UpdateUserPool and DeleteUserPool. Each pool gets its own id
/// (<c>{region}_XXXXXXXXX</c>), issuer and RSA signing key. The settings the emulator honours: password policy, sign-in policy
/// (<c>USER_AUTH</c>'s first factors), username
/// and alias attributes, auto-verified email, case sensitivity, self sign-up, message templates, deletion protection;
/// everything else is stored and echoed back as given. As in Cognito, UpdateUserPool resets the settings it is not given.
/// </summary>
internal sealed class PoolAdministration(PoolDirectory directory, string region)
{
    private static readonly string[] MfaValues = ["OFF", "ON", "OPTIONAL"];
    private static readonly string[] DeletionProtectionValues = ["ACTIVE", "INACTIVE"];
    private static readonly string[] UsernameAttributeValues = ["phone_number", "email"];
    private static readonly string[] AliasAttributeValues = ["phone_number", "email", "preferred_username"];
    private static readonly string[] VerifiedAttributeValues = ["phone_number", "email"];
    private static readonly string[] TierValues = ["LITE", "ESSENTIALS", "PLUS"];
    private static readonly string[] FirstFactorValues = ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"];

    /// <summary>The feature plan of a pool created without one, as Cognito's since November 2024.</summary>
    private const string DefaultTier = "ESSENTIALS";

    public CreateUserPoolResponse CreateUserPool(CreateUserPoolRequest request)
    {
        new RequestValidator()
            .Required("poolName", request.PoolName)
            .MinLength("poolName", request.PoolName, 1)
            .MaxLength("poolName", request.PoolName, 128)
            .OneOf("mfaConfiguration", request.MfaConfiguration, MfaValues)
            .OneOf("deletionProtection", request.DeletionProtection, DeletionProtectionValues)
            .EachOneOf("usernameAttributes", request.UsernameAttributes, UsernameAttributeValues)
            .EachOneOf("aliasAttributes", request.AliasAttributes, AliasAttributeValues)
            .EachOneOf("autoVerifiedAttributes", request.AutoVerifiedAttributes, VerifiedAttributeValues)
            .OneOf("userPoolTier", request.UserPoolTier, TierValues)
            .ThrowIfInvalid();
        UserPoolTriggers.EnsureSupported(PoolLambdaConfig.From(request.LambdaConfig));
        if (request.UsernameAttributes is { Count: > 0 } && request.AliasAttributes is { Count: > 0 })
        {
            throw CognitoErrors.InvalidParameter("Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
        }

        CheckSignInPolicy(request.Policies?.SignInPolicy, request.UserPoolTier ?? DefaultTier, request.EmailConfiguration, request.SmsConfiguration);

        var pool = Create(request);
        return new CreateUserPoolResponse { UserPool = Describe(pool) };
    }

    /// <summary>Creates a pool from CreateUserPool settings; also how the emulator makes its reference pool.</summary>
    public UserPool Create(CreateUserPoolRequest request, string? userPoolId = null, SigningKey? key = null)
    {
        var signingKey = key ?? directory.SigningKeys.Take();
        lock (directory.Gate)
        {
            var now = directory.Time.GetUtcNow();
            var id = userPoolId ?? RandomIds.UserPoolId(region);
            var config = Settings(request.Policies, request.DeletionProtection, request.LambdaConfig, request.AutoVerifiedAttributes,
                request.SmsVerificationMessage, request.EmailVerificationMessage, request.EmailVerificationSubject, request.VerificationMessageTemplate,
                request.SmsAuthenticationMessage, request.UserAttributeUpdateSettings, request.MfaConfiguration, request.DeviceConfiguration,
                request.EmailConfiguration, request.SmsConfiguration, request.UserPoolTags, request.AdminCreateUserConfig, request.UserPoolAddOns,
                request.AccountRecoverySetting);
            config.Id = id;
            config.Name = request.PoolName;
            config.Arn = $"arn:aws:cognito-idp:{id[..id.IndexOf('_', StringComparison.Ordinal)]}:{RandomIds.AccountId}:userpool/{id}";
            config.SchemaAttributes = PoolDefaults.Schema(request.Schema);
            config.UsernameAttributes = request.UsernameAttributes;
            config.AliasAttributes = request.AliasAttributes;
            config.UsernameConfiguration = request.UsernameConfiguration;
            config.CreationDate = now;
            config.LastModifiedDate = now;
            config.UserPoolTier = request.UserPoolTier ?? DefaultTier;

            var pool = new UserPool(directory, id, config, signingKey);
            directory.Add(pool);
            directory.Touch();
            return pool;
        }
    }

    public DescribeUserPoolResponse DescribeUserPool(DescribeUserPoolRequest request)
    {
        new RequestValidator().Required("userPoolId", request.UserPoolId).ThrowIfInvalid();
        lock (directory.Gate)
        {
            return new DescribeUserPoolResponse { UserPool = Describe(directory.Pool(request.UserPoolId!)) };
        }
    }

    public ListUserPoolsResponse ListUserPools(ListUserPoolsRequest request)
    {
        new RequestValidator().Required("maxResults", request.MaxResults).Range("maxResults", request.MaxResults, 1, 60).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pools, next) = Paging.Page(directory.Pools, request.NextToken, request.MaxResults, 60);
            return new ListUserPoolsResponse
            {
                UserPools = [.. pools.Select(p => new UserPoolDescriptionType
                {
                    Id = p.Id,
                    Name = p.Config.Name,
                    LambdaConfig = p.Config.LambdaConfig,
                    LastModifiedDate = p.Config.LastModifiedDate,
                    CreationDate = p.Config.CreationDate,
                })],
                NextToken = next,
            };
        }
    }

    public EmptyResponse UpdateUserPool(UpdateUserPoolRequest request)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .OneOf("mfaConfiguration", request.MfaConfiguration, MfaValues)
            .OneOf("deletionProtection", request.DeletionProtection, DeletionProtectionValues)
            .EachOneOf("autoVerifiedAttributes", request.AutoVerifiedAttributes, VerifiedAttributeValues)
            .MinLength("poolName", request.PoolName, 1)
            .MaxLength("poolName", request.PoolName, 128)
            .OneOf("userPoolTier", request.UserPoolTier, TierValues)
            .ThrowIfInvalid();
        UserPoolTriggers.EnsureSupported(PoolLambdaConfig.From(request.LambdaConfig));
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var current = pool.Config;
            CheckSignInPolicy(request.Policies?.SignInPolicy, request.UserPoolTier ?? current.UserPoolTier ?? DefaultTier, request.EmailConfiguration, request.SmsConfiguration);
            var config = Settings(request.Policies, request.DeletionProtection, request.LambdaConfig, request.AutoVerifiedAttributes,
                request.SmsVerificationMessage, request.EmailVerificationMessage, request.EmailVerificationSubject, request.VerificationMessageTemplate,
                request.SmsAuthenticationMessage, request.UserAttributeUpdateSettings, request.MfaConfiguration, request.DeviceConfiguration,
                request.EmailConfiguration, request.SmsConfiguration, request.UserPoolTags, request.AdminCreateUserConfig, request.UserPoolAddOns,
                request.AccountRecoverySetting);

            // What UpdateUserPool cannot change stays; the name and the feature plan change only when given.
            config.Id = current.Id;
            config.Name = request.PoolName ?? current.Name;
            config.UserPoolTier = request.UserPoolTier ?? current.UserPoolTier ?? DefaultTier;
            config.Arn = current.Arn;
            config.SchemaAttributes = current.SchemaAttributes;
            config.UsernameAttributes = current.UsernameAttributes;
            config.AliasAttributes = current.AliasAttributes;
            config.UsernameConfiguration = current.UsernameConfiguration;
            config.CreationDate = current.CreationDate;
            config.LastModifiedDate = pool.Now;
            pool.Reconfigure(config);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    public EmptyResponse DeleteUserPool(DescribeUserPoolRequest request)
    {
        new RequestValidator().Required("userPoolId", request.UserPoolId).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            if (pool.Config.DeletionProtection == "ACTIVE")
            {
                throw CognitoErrors.InvalidParameter("The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.");
            }

            if (pool.Domain is not null)
            {
                throw CognitoErrors.InvalidParameter("User pool cannot be deleted. It has a domain configured that should be deleted first.");
            }

            directory.Remove(pool);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    /// <summary>The pool as DescribeUserPool reports it: its settings, the user count and the domain.</summary>
    public static UserPoolType Describe(UserPool pool)
    {
        var json = CognitoJsonContext.Default.UserPoolType;
        var copy = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(pool.Config, json), json)!;
        copy.EstimatedNumberOfUsers = pool.UserCount;
        copy.Domain = pool.Domain;
        return copy;
    }

    private static UserPoolType Settings(
        UserPoolPolicyType? policies, string? deletionProtection, JsonElement? lambdaConfig, List<string>? autoVerifiedAttributes,
        string? smsVerificationMessage, string? emailVerificationMessage, string? emailVerificationSubject,
        VerificationMessageTemplateType? verificationMessageTemplate, string? smsAuthenticationMessage, JsonElement? userAttributeUpdateSettings,
        string? mfaConfiguration, JsonElement? deviceConfiguration, JsonElement? emailConfiguration, JsonElement? smsConfiguration,
        Dictionary<string, string>? tags, AdminCreateUserConfigType? adminCreateUserConfig, JsonElement? addOns, AccountRecoverySettingType? accountRecovery)
    {
        var given = policies?.PasswordPolicy;
        var template = verificationMessageTemplate ?? new VerificationMessageTemplateType();
        template.DefaultEmailOption ??= "CONFIRM_WITH_CODE";
        template.EmailMessage ??= emailVerificationMessage;
        template.EmailSubject ??= emailVerificationSubject;
        template.SmsMessage ??= smsVerificationMessage;
        var adminCreateUser = adminCreateUserConfig ?? new AdminCreateUserConfigType();
        adminCreateUser.AllowAdminCreateUserOnly ??= false;
        adminCreateUser.UnusedAccountValidityDays ??= 7;

        return new UserPoolType
        {
            Policies = new UserPoolPolicyType
            {
                PasswordPolicy = given is null ? PoolDefaults.DefaultPasswordPolicy() : new PasswordPolicyType
                {
                    MinimumLength = given.MinimumLength ?? 8,
                    RequireUppercase = given.RequireUppercase ?? false,
                    RequireLowercase = given.RequireLowercase ?? false,
                    RequireNumbers = given.RequireNumbers ?? false,
                    RequireSymbols = given.RequireSymbols ?? false,
                    TemporaryPasswordValidityDays = given.TemporaryPasswordValidityDays ?? 7,
                },

                // Cognito's default first factor is the password alone.
                SignInPolicy = new SignInPolicyType { AllowedFirstAuthFactors = policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"] },
            },
            DeletionProtection = deletionProtection ?? "INACTIVE",
            LambdaConfig = lambdaConfig ?? EmptyObject(),
            AutoVerifiedAttributes = autoVerifiedAttributes,
            SmsVerificationMessage = smsVerificationMessage,
            EmailVerificationMessage = emailVerificationMessage,
            EmailVerificationSubject = emailVerificationSubject,
            VerificationMessageTemplate = template,
            SmsAuthenticationMessage = smsAuthenticationMessage,
            UserAttributeUpdateSettings = userAttributeUpdateSettings,
            MfaConfiguration = mfaConfiguration ?? "OFF",
            DeviceConfiguration = deviceConfiguration,
            EmailConfiguration = emailConfiguration ?? JsonDocument.Parse("""{"EmailSendingAccount":"COGNITO_DEFAULT"}""").RootElement.Clone(),
            SmsConfiguration = smsConfiguration,
            UserPoolTags = tags,
            AdminCreateUserConfig = adminCreateUser,
            UserPoolAddOns = addOns,
            AccountRecoverySetting = accountRecovery,
        };
    }

    /// <summary>
    /// <c>Policies.SignInPolicy.AllowedFirstAuthFactors</c>: one to four of Cognito's factors; the passwordless ones need the
    /// ESSENTIALS or PLUS plan, <c>EMAIL_OTP</c> e-mail sent with Amazon SES, <c>SMS_OTP</c> an SMS configuration.
    /// </summary>
    private static void CheckSignInPolicy(SignInPolicyType? policy, string tier, JsonElement? emailConfiguration, JsonElement? smsConfiguration)
    {
        if (policy?.AllowedFirstAuthFactors is not { } factors)
        {
            return;
        }

        new RequestValidator()
            .EachOneOf("policies.signInPolicy.allowedFirstAuthFactors", factors, FirstFactorValues)
            .ThrowIfInvalid();
        if (factors.Count is < 1 or > 4)
        {
            throw CognitoErrors.InvalidParameter("Policies.SignInPolicy.AllowedFirstAuthFactors must name one to four factors.");
        }

        if (tier == "LITE" && factors.Any(f => f != "PASSWORD"))
        {
            throw CognitoErrors.FeatureUnavailableInTier("Passwordless sign-in (EMAIL_OTP, SMS_OTP, WEB_AUTHN)");
        }

        var sending = new UserPoolType { EmailConfiguration = emailConfiguration, SmsConfiguration = smsConfiguration };
        if (factors.Contains("EMAIL_OTP") && !UserPool.SendsEmailWithSesIn(sending))
        {
            throw CognitoErrors.EmailCodesNeedSes("EMAIL_OTP sign-in");
        }

        if (factors.Contains("SMS_OTP") && !UserPool.SendsSmsIn(sending))
        {
            throw CognitoErrors.SmsCodesNeedSmsConfiguration("SMS_OTP sign-in");
        }
    }

    private static JsonElement EmptyObject() => JsonDocument.Parse("{}").RootElement.Clone();
}

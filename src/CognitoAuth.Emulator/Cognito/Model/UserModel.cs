using System.Text.Json;

namespace CognitoAuth.Emulator.Cognito.Model;

// Shapes of the further user operations (admin and self-service), member for member as in botocore's cognito-idp model.

internal sealed class ListUsersRequest
{
    public string? UserPoolId { get; set; }

    public List<string>? AttributesToGet { get; set; }

    public int? Limit { get; set; }

    public string? PaginationToken { get; set; }

    public string? Filter { get; set; }
}

internal sealed class ListUsersResponse
{
    public List<UserType>? Users { get; set; }

    public string? PaginationToken { get; set; }
}

internal sealed class AdminUpdateUserAttributesRequest
{
    public string? UserPoolId { get; set; }

    public string? Username { get; set; }

    public List<AttributeType>? UserAttributes { get; set; }

    public Dictionary<string, string>? ClientMetadata { get; set; }
}

internal sealed class AdminDeleteUserAttributesRequest
{
    public string? UserPoolId { get; set; }

    public string? Username { get; set; }

    public List<string>? UserAttributeNames { get; set; }
}

internal sealed class SignUpRequest
{
    public string? ClientId { get; set; }

    public string? SecretHash { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public List<AttributeType>? UserAttributes { get; set; }

    public List<AttributeType>? ValidationData { get; set; }

    public JsonElement? AnalyticsMetadata { get; set; }

    public JsonElement? UserContextData { get; set; }

    public Dictionary<string, string>? ClientMetadata { get; set; }
}

internal sealed class SignUpResponse
{
    public bool? UserConfirmed { get; set; }

    public CodeDeliveryDetailsType? CodeDeliveryDetails { get; set; }

    public string? UserSub { get; set; }
}

internal sealed class ConfirmSignUpRequest
{
    public string? ClientId { get; set; }

    public string? SecretHash { get; set; }

    public string? Username { get; set; }

    public string? ConfirmationCode { get; set; }

    public bool? ForceAliasCreation { get; set; }

    public JsonElement? AnalyticsMetadata { get; set; }

    public JsonElement? UserContextData { get; set; }

    public Dictionary<string, string>? ClientMetadata { get; set; }

    /// <summary>Choice-based sign-in after sign-up only; accepted and not acted on.</summary>
    public string? Session { get; set; }
}

/// <summary>ConfirmSignUp's answer: a <c>Session</c> only for choice-based sign-in, which the emulator does not serve.</summary>
internal sealed class ConfirmSignUpResponse
{
    public string? Session { get; set; }
}

internal sealed class ResendConfirmationCodeRequest
{
    public string? ClientId { get; set; }

    public string? SecretHash { get; set; }

    public JsonElement? UserContextData { get; set; }

    public string? Username { get; set; }

    public JsonElement? AnalyticsMetadata { get; set; }

    public Dictionary<string, string>? ClientMetadata { get; set; }
}

internal sealed class ResendConfirmationCodeResponse
{
    public CodeDeliveryDetailsType? CodeDeliveryDetails { get; set; }
}

internal sealed class ForgotPasswordRequest
{
    public string? ClientId { get; set; }

    public string? SecretHash { get; set; }

    public JsonElement? UserContextData { get; set; }

    public string? Username { get; set; }

    public JsonElement? AnalyticsMetadata { get; set; }

    public Dictionary<string, string>? ClientMetadata { get; set; }
}

internal sealed class ForgotPasswordResponse
{
    public CodeDeliveryDetailsType? CodeDeliveryDetails { get; set; }
}

internal sealed class ConfirmForgotPasswordRequest
{
    public string? ClientId { get; set; }

    public string? SecretHash { get; set; }

    public string? Username { get; set; }

    public string? ConfirmationCode { get; set; }

    public string? Password { get; set; }

    public JsonElement? AnalyticsMetadata { get; set; }

    public JsonElement? UserContextData { get; set; }

    public Dictionary<string, string>? ClientMetadata { get; set; }
}

internal sealed class ChangePasswordRequest
{
    public string? PreviousPassword { get; set; }

    public string? ProposedPassword { get; set; }

    public string? AccessToken { get; set; }
}

internal sealed class GetUserRequest
{
    public string? AccessToken { get; set; }
}

internal sealed class GetUserResponse
{
    public string? Username { get; set; }

    public List<AttributeType>? UserAttributes { get; set; }

    public List<MFAOptionType>? MFAOptions { get; set; }

    public string? PreferredMfaSetting { get; set; }

    public List<string>? UserMFASettingList { get; set; }
}

internal sealed class UpdateUserAttributesRequest
{
    public List<AttributeType>? UserAttributes { get; set; }

    public string? AccessToken { get; set; }

    public Dictionary<string, string>? ClientMetadata { get; set; }
}

internal sealed class UpdateUserAttributesResponse
{
    public List<CodeDeliveryDetailsType>? CodeDeliveryDetailsList { get; set; }
}

internal sealed class CodeDeliveryDetailsType
{
    public string? Destination { get; set; }

    public string? DeliveryMedium { get; set; }

    public string? AttributeName { get; set; }
}

internal sealed class MFAOptionType
{
    public string? DeliveryMedium { get; set; }

    public string? AttributeName { get; set; }
}


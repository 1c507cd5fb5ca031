namespace CognitoAuth.Emulator.Cognito.Model;

// Shapes of the admin user operations, member for member as in botocore's cognito-idp model. Members the
// emulator reads but does not act on (ValidationData, ClientMetadata, …) are still declared so a request that
// carries them deserializes.

internal sealed class AdminCreateUserRequest
{
    public string? UserPoolId { get; set; }

    public string? Username { get; set; }

    public List<AttributeType>? UserAttributes { get; set; }

    public List<AttributeType>? ValidationData { get; set; }

    public string? TemporaryPassword { get; set; }

    public bool? ForceAliasCreation { get; set; }

    public string? MessageAction { get; set; }

    public List<string>? DesiredDeliveryMediums { get; set; }

    public Dictionary<string, string>? ClientMetadata { get; set; }
}

internal sealed class AdminCreateUserResponse
{
    public UserType? User { get; set; }
}

internal sealed class UserType
{
    public string? Username { get; set; }

    public List<AttributeType>? Attributes { get; set; }

    public DateTimeOffset? UserCreateDate { get; set; }

    public DateTimeOffset? UserLastModifiedDate { get; set; }

    public bool? Enabled { get; set; }

    public string? UserStatus { get; set; }
}

internal sealed class AdminSetUserPasswordRequest
{
    public string? UserPoolId { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool? Permanent { get; set; }
}

/// <summary>The input of every operation that names just a pool and a user (AdminGetUser, AdminDisableUser, …).</summary>
internal sealed class AdminUserRequest
{
    public string? UserPoolId { get; set; }

    public string? Username { get; set; }

    public Dictionary<string, string>? ClientMetadata { get; set; }
}

internal sealed class AdminGetUserResponse
{
    public string? Username { get; set; }

    public List<AttributeType>? UserAttributes { get; set; }

    public DateTimeOffset? UserCreateDate { get; set; }

    public DateTimeOffset? UserLastModifiedDate { get; set; }

    public bool? Enabled { get; set; }

    public string? UserStatus { get; set; }

    public List<MFAOptionType>? MFAOptions { get; set; }

    public string? PreferredMfaSetting { get; set; }

    public List<string>? UserMFASettingList { get; set; }
}

/// <summary>The output of operations whose output shape has no members.</summary>
internal sealed class EmptyResponse
{
    public static EmptyResponse Instance { get; } = new();
}

namespace CognitoAuth.Client.Cognito.Model;

/// <summary>botocore shape <c>AdminCreateUserRequest</c> (SigV4-signed).</summary>
internal sealed class AdminCreateUserRequest
{
    public required string UserPoolId { get; init; }
    public required string Username { get; init; }
    public List<AttributeType>? UserAttributes { get; init; }
    public List<AttributeType>? ValidationData { get; init; }
    public string? TemporaryPassword { get; init; }
    public bool? ForceAliasCreation { get; init; }

    /// <summary><c>RESEND</c> or <c>SUPPRESS</c>.</summary>
    public string? MessageAction { get; init; }

    /// <summary><c>SMS</c> and/or <c>EMAIL</c>.</summary>
    public List<string>? DesiredDeliveryMediums { get; init; }
    public Dictionary<string, string>? ClientMetadata { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"AdminCreateUserRequest {{ UserPoolId = {UserPoolId}, Username = {Username} }}";
}

/// <summary>botocore shape <c>AdminCreateUserResponse</c>.</summary>
internal sealed class AdminCreateUserResponse
{
    public UserType? User { get; init; }
}

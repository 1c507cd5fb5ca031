namespace CognitoAuth.Client.Cognito.Model;

/// <summary>botocore shape <c>AssociateSoftwareTokenRequest</c> (unsigned: the user's access token authorizes it).</summary>
internal sealed class AssociateSoftwareTokenRequest
{
    public string? AccessToken { get; init; }
    public string? Session { get; init; }

    /// <inheritdoc />
    public override string ToString() => "AssociateSoftwareTokenRequest { AccessToken = *** }";
}

/// <summary>botocore shape <c>AssociateSoftwareTokenResponse</c>: the new TOTP secret, base32.</summary>
internal sealed class AssociateSoftwareTokenResponse
{
    public string? SecretCode { get; init; }
    public string? Session { get; init; }

    /// <inheritdoc />
    public override string ToString() => "AssociateSoftwareTokenResponse { SecretCode = *** }";
}

/// <summary>botocore shape <c>VerifySoftwareTokenRequest</c>.</summary>
internal sealed class VerifySoftwareTokenRequest
{
    public string? AccessToken { get; init; }
    public string? Session { get; init; }
    public required string UserCode { get; init; }
    public string? FriendlyDeviceName { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"VerifySoftwareTokenRequest {{ FriendlyDeviceName = {FriendlyDeviceName} }}";
}

/// <summary>botocore shape <c>VerifySoftwareTokenResponse</c>: <c>Status</c> is <c>SUCCESS</c> or <c>ERROR</c>.</summary>
internal sealed class VerifySoftwareTokenResponse
{
    public string? Status { get; init; }
    public string? Session { get; init; }
}

/// <summary>botocore shape <c>SetUserMFAPreferenceRequest</c>, with the members the client sets.</summary>
internal sealed class SetUserMfaPreferenceRequest
{
    public SoftwareTokenMfaSettingsType? SoftwareTokenMfaSettings { get; init; }
    public required string AccessToken { get; init; }

    /// <inheritdoc />
    public override string ToString() => "SetUserMfaPreferenceRequest { AccessToken = *** }";
}

/// <summary>botocore shape <c>SoftwareTokenMfaSettingsType</c>.</summary>
internal sealed class SoftwareTokenMfaSettingsType
{
    public bool Enabled { get; init; }
    public bool PreferredMfa { get; init; }
}

/// <summary>botocore shape <c>SetUserMFAPreferenceResponse</c>: no members.</summary>
internal sealed class SetUserMfaPreferenceResponse;

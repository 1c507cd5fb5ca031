namespace CognitoAuth.Client.Cognito.Model;

/// <summary>botocore shape <c>AuthenticationResultType</c>. <see cref="ExpiresIn"/> is in seconds.</summary>
internal sealed class AuthenticationResultType
{
    public string? AccessToken { get; init; }
    public int ExpiresIn { get; init; }
    public string? TokenType { get; init; }
    public string? RefreshToken { get; init; }
    public string? IdToken { get; init; }
    public NewDeviceMetadataType? NewDeviceMetadata { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"AuthenticationResultType {{ TokenType = {TokenType}, ExpiresIn = {ExpiresIn}, AccessToken = {Redacted(AccessToken)}, IdToken = {Redacted(IdToken)}, RefreshToken = {Redacted(RefreshToken)} }}";

    private static string Redacted(string? token) => token is null ? "null" : "***";
}

/// <summary>botocore shape <c>NewDeviceMetadataType</c>.</summary>
internal sealed class NewDeviceMetadataType
{
    public string? DeviceKey { get; init; }
    public string? DeviceGroupKey { get; init; }
}

namespace CognitoAuth.Client.Cognito.Model;

/// <summary>
/// botocore shape <c>GetTokensFromRefreshTokenRequest</c> (unsigned). It carries the app client's raw
/// <c>ClientSecret</c>, not a <c>SECRET_HASH</c>. <see cref="ToString"/> shows neither the token nor the secret.
/// </summary>
internal sealed class GetTokensFromRefreshTokenRequest
{
    public required string RefreshToken { get; init; }
    public required string ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public string? DeviceKey { get; init; }
    public Dictionary<string, string>? ClientMetadata { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"GetTokensFromRefreshTokenRequest {{ ClientId = {ClientId} }}";
}

/// <summary>botocore shape <c>GetTokensFromRefreshTokenResponse</c>: a new refresh token only when the app client rotates them.</summary>
internal sealed class GetTokensFromRefreshTokenResponse
{
    public AuthenticationResultType? AuthenticationResult { get; init; }
}

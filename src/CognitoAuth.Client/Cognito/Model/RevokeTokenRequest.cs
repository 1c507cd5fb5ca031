namespace CognitoAuth.Client.Cognito.Model;

/// <summary>botocore shape <c>RevokeTokenRequest</c> (unsigned; the output shape has no members).</summary>
internal sealed class RevokeTokenRequest
{
    public required string Token { get; init; }
    public required string ClientId { get; init; }
    public string? ClientSecret { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"RevokeTokenRequest {{ ClientId = {ClientId} }}";
}

/// <summary>botocore shape <c>RevokeTokenResponse</c>: no members.</summary>
internal sealed class RevokeTokenResponse;

using System.Text.Json.Serialization;

namespace CognitoAuth.Client.Cognito.OAuth;

/// <summary>A token endpoint's success answer (RFC 6749 §5.1); Cognito's client-credentials grant gives only an access token.</summary>
internal sealed class OAuthTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("id_token")]
    public string? IdToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    public long ExpiresIn { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"OAuthTokenResponse {{ TokenType = {TokenType}, ExpiresIn = {ExpiresIn}, AccessToken = *** }}";
}

/// <summary>A token endpoint's error answer (RFC 6749 §5.2): <c>{"error": "invalid_client", "error_description": "…"}</c>.</summary>
internal sealed class OAuthErrorResponse
{
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}

/// <summary>The members of a user pool's OpenID configuration the client reads.</summary>
internal sealed class OpenIdConfiguration
{
    [JsonPropertyName("token_endpoint")]
    public string? TokenEndpoint { get; init; }
}

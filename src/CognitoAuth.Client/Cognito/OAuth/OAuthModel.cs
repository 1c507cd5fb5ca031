using System.Text.Json.Serialization;

namespace CognitoAuth.Client.Cognito.OAuth;

/// <summary>A token endpoint's success answer (RFC 6749 §5.1); Cognito's client-credentials grant gives only an access token, the code grant all three.</summary>
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
    public override string ToString() =>
        $"OAuthTokenResponse {{ TokenType = {TokenType}, ExpiresIn = {ExpiresIn}, AccessToken = ***, IdToken = {(IdToken is null ? "null" : "***")}, RefreshToken = {(RefreshToken is null ? "null" : "***")} }}";
}

/// <summary>A token endpoint's error answer (RFC 6749 §5.2): <c>{"error": "invalid_client", "error_description": "…"}</c>.</summary>
internal sealed class OAuthErrorResponse
{
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }

    /// <summary>
    /// <paramref name="error"/> when it is an OAuth error code as RFC 6749 allows one to be named here (letters, digits,
    /// <c>_ - .</c>, at most 64), else <see langword="null"/>: a code becomes <see cref="CognitoException.ErrorCode"/> and a
    /// log field, so nothing else passes.
    /// </summary>
    public static string? CodeOf(string? error) =>
        error is { Length: > 0 and <= 64 } && error.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? error : null;
}

/// <summary>The members of a user pool's OpenID configuration the client reads (OpenID Connect Discovery 1.0 §3).</summary>
internal sealed class OpenIdConfiguration
{
    [JsonPropertyName("issuer")]
    public string? Issuer { get; init; }

    [JsonPropertyName("authorization_endpoint")]
    public string? AuthorizationEndpoint { get; init; }

    [JsonPropertyName("token_endpoint")]
    public string? TokenEndpoint { get; init; }

    /// <summary>RFC 8414's name for the RFC 7009 endpoint; Cognito serves it at <c>{domain}/oauth2/revoke</c>.</summary>
    [JsonPropertyName("revocation_endpoint")]
    public string? RevocationEndpoint { get; init; }
}

namespace CognitoAuth.Client.Cognito.OAuth;

/// <summary>
/// A form-encoded request to the pool domain's token or revocation endpoint: its parameters, and the client's credentials
/// either in a <c>Basic</c> header (<c>client_secret_basic</c>) or in the body (<c>client_secret_post</c>; always the
/// <c>client_id</c> of a public client). <see cref="ToString"/> shows no secret and no parameter value.
/// </summary>
internal sealed class OAuthTokenRequest
{
    private readonly List<KeyValuePair<string, string>> _parameters = [];

    /// <summary>A token request for <paramref name="grantType"/> (RFC 6749 §4).</summary>
    public OAuthTokenRequest(string grantType, string clientId, string? clientSecret, CognitoTokenEndpointAuthMethod authMethod)
        : this(clientId, clientSecret, authMethod)
    {
        GrantType = grantType;
        _parameters.Add(new("grant_type", grantType));
    }

    private OAuthTokenRequest(string clientId, string? clientSecret, CognitoTokenEndpointAuthMethod authMethod)
    {
        ClientId = clientId;
        ClientSecret = clientSecret;
        AuthMethod = authMethod;
    }

    /// <summary>The grant, or <see langword="null"/> for a revocation.</summary>
    public string? GrantType { get; }

    public string ClientId { get; }

    public string? ClientSecret { get; }

    public CognitoTokenEndpointAuthMethod AuthMethod { get; }

    /// <summary>A revocation request for <paramref name="refreshToken"/> (RFC 7009 §2.1; Cognito's <c>/oauth2/revoke</c>).</summary>
    public static OAuthTokenRequest Revocation(string refreshToken, string clientId, string? clientSecret, CognitoTokenEndpointAuthMethod authMethod) =>
        new OAuthTokenRequest(clientId, clientSecret, authMethod).With("token", refreshToken).With("token_type_hint", "refresh_token");

    /// <summary>Adds a parameter of the request (e.g. <c>scope</c>).</summary>
    public OAuthTokenRequest With(string name, string value)
    {
        _parameters.Add(new(name, value));
        return this;
    }

    /// <summary>The body's parameters, with the client's credentials when they go in the body.</summary>
    public IEnumerable<KeyValuePair<string, string>> Form()
    {
        var form = new List<KeyValuePair<string, string>>(_parameters);
        if (AuthMethod == CognitoTokenEndpointAuthMethod.ClientSecretPost || ClientSecret is null)
        {
            form.Add(new("client_id", ClientId));
            if (ClientSecret is not null)
            {
                form.Add(new("client_secret", ClientSecret));
            }
        }

        return form;
    }

    /// <summary>The <c>Basic</c> credentials: RFC 6749 §2.3.1 form-encodes id and secret before joining them.</summary>
    public string? BasicCredentials() =>
        AuthMethod == CognitoTokenEndpointAuthMethod.ClientSecretBasic && ClientSecret is not null
            ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(ClientSecret)}"))
            : null;

    /// <inheritdoc />
    public override string ToString() =>
        $"OAuthTokenRequest {{ GrantType = {GrantType ?? "(revocation)"}, ClientId = {ClientId}, ClientSecret = ***, AuthMethod = {AuthMethod}, Parameters = [{string.Join(", ", _parameters.Select(p => p.Key))}] }}";
}

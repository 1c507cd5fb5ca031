namespace CognitoAuth.Client.Cognito.OAuth;

/// <summary>
/// A form-encoded token request: the grant's parameters, and the client's credentials either in a <c>Basic</c> header
/// (<c>client_secret_basic</c>) or in the body (<c>client_secret_post</c>). <see cref="ToString"/> shows no secret.
/// </summary>
internal sealed class OAuthTokenRequest(string grantType, string clientId, string? clientSecret, CognitoTokenEndpointAuthMethod authMethod)
{
    private readonly List<KeyValuePair<string, string>> _parameters = [new("grant_type", grantType)];

    public string GrantType { get; } = grantType;

    public string ClientId { get; } = clientId;

    public string? ClientSecret { get; } = clientSecret;

    public CognitoTokenEndpointAuthMethod AuthMethod { get; } = authMethod;

    /// <summary>Adds a parameter of the grant (e.g. <c>scope</c>).</summary>
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
    public override string ToString() => $"OAuthTokenRequest {{ GrantType = {GrantType}, ClientId = {ClientId}, ClientSecret = ***, AuthMethod = {AuthMethod} }}";
}

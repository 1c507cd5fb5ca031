using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CognitoAuth.Emulator.Pool;

/// <summary>An app client of a pool and the rules Cognito enforces for it. Mutated only under the directory's gate.</summary>
internal sealed class AppClient
{
    public required string ClientId { get; init; }

    public required string Name { get; set; }

    public string? ClientSecret { get; init; }

    /// <summary>Whether <paramref name="presented"/> is this client's secret, compared in constant time; never for a client without one.</summary>
    public bool IsSecret(string? presented) =>
        ClientSecret is { } secret && presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(presented));

    /// <summary>
    /// For a client with a secret, <c>SECRET_HASH</c> must be present and computed over the username the caller sent (or, for
    /// a sign-in with an alias, the real username): Cognito's error when it is not, else <see langword="null"/>.
    /// </summary>
    public CognitoError? SecretHashRefusal(string? secretHash, string username, string? alternativeUsername)
    {
        if (ClientSecret is not { } secret)
        {
            return null;
        }

        if (secretHash is null)
        {
            return SignInErrors.SecretHashMissing(ClientId);
        }

        return SecretHash.Matches(secretHash, secret, username, ClientId)
            || (alternativeUsername is not null && SecretHash.Matches(secretHash, secret, alternativeUsername, ClientId))
            ? null
            : SignInErrors.SecretHashMismatch(ClientId);
    }

    public required IReadOnlySet<string> ExplicitAuthFlows { get; set; }

    public bool PreventUserExistenceErrors { get; set; }

    public bool EnableTokenRevocation { get; set; }

    public required TimeSpan AccessTokenValidity { get; set; }

    public required TimeSpan IdTokenValidity { get; set; }

    public required TimeSpan RefreshTokenValidity { get; set; }

    /// <summary>Whether <c>GetTokensFromRefreshToken</c> rotates refresh tokens (then <c>REFRESH_TOKEN_AUTH</c> cannot be allowed).</summary>
    public RefreshTokenRotation RefreshTokenRotation { get; set; } = RefreshTokenRotation.Disabled;

    /// <summary>The units the validities were given in (<c>TokenValidityUnits</c>), so Describe answers in them.</summary>
    public TokenUnits Units { get; set; } = TokenUnits.Default;

    public IReadOnlyList<string> AllowedOAuthFlows { get; set; } = [];

    public IReadOnlyList<string> AllowedOAuthScopes { get; set; } = [];

    public bool AllowedOAuthFlowsUserPoolClient { get; set; }

    public IReadOnlyList<string> CallbackUrls { get; set; } = [];

    public IReadOnlyList<string> LogoutUrls { get; set; } = [];

    public string? DefaultRedirectUri { get; set; }

    public IReadOnlyList<string> SupportedIdentityProviders { get; set; } = [];

    public IReadOnlyList<string>? ReadAttributes { get; set; }

    public IReadOnlyList<string>? WriteAttributes { get; set; }

    public int? AuthSessionValidity { get; set; }

    public bool? EnablePropagateAdditionalUserContextData { get; set; }

    /// <summary>Stored and echoed, not acted on.</summary>
    public JsonElement? AnalyticsConfiguration { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastModifiedAt { get; set; }

    /// <summary>Whether the admin password flows (<c>ADMIN_USER_PASSWORD_AUTH</c>, legacy <c>ADMIN_NO_SRP_AUTH</c>) are allowed.</summary>
    public bool AllowsAdminPasswordAuth =>
        ExplicitAuthFlows.Contains("ALLOW_ADMIN_USER_PASSWORD_AUTH") || ExplicitAuthFlows.Contains("ADMIN_NO_SRP_AUTH");

    public bool AllowsUserPasswordAuth =>
        ExplicitAuthFlows.Contains("ALLOW_USER_PASSWORD_AUTH") || ExplicitAuthFlows.Contains("USER_PASSWORD_AUTH");

    /// <summary>
    /// Whether <c>REFRESH_TOKEN_AUTH</c> (and the token endpoint's <c>refresh_token</c> grant) is allowed:
    /// <c>ALLOW_REFRESH_TOKEN_AUTH</c>, or a client on the legacy flow names, which name no refresh flow because Cognito always
    /// allowed refreshing before the <c>ALLOW_</c> names existed — unless the client rotates refresh tokens, which rules the
    /// flow out whatever the names.
    /// </summary>
    public bool AllowsRefreshTokenAuth =>
        ExplicitAuthFlows.Contains("ALLOW_REFRESH_TOKEN_AUTH") || (UsesLegacyFlowNames && !RefreshTokenRotation.Enabled);

    /// <summary>
    /// Whether <c>USER_SRP_AUTH</c> is allowed: <c>ALLOW_USER_SRP_AUTH</c>, or a client on the legacy flow names, for which SRP was
    /// always on unless <c>CUSTOM_AUTH_FLOW_ONLY</c>.
    /// </summary>
    public bool AllowsUserSrpAuth =>
        ExplicitAuthFlows.Contains("ALLOW_USER_SRP_AUTH") || (UsesLegacyFlowNames && !ExplicitAuthFlows.Contains("CUSTOM_AUTH_FLOW_ONLY"));

    /// <summary>
    /// Whether <c>CUSTOM_AUTH</c> (the pool's define/create/verify triggers) is allowed: <c>ALLOW_CUSTOM_AUTH</c> (one of
    /// Cognito's default flows), or a client on the legacy flow names, which always allowed custom auth
    /// (<c>CUSTOM_AUTH_FLOW_ONLY</c> narrows a client to it).
    /// </summary>
    public bool AllowsCustomAuth => ExplicitAuthFlows.Contains("ALLOW_CUSTOM_AUTH") || UsesLegacyFlowNames;

    /// <summary>
    /// Whether the client's flows are the legacy names (<c>ADMIN_NO_SRP_AUTH</c>, <c>USER_PASSWORD_AUTH</c>,
    /// <c>CUSTOM_AUTH_FLOW_ONLY</c>), which name only what they add to the flows Cognito always allowed (SRP and refresh);
    /// Cognito refuses a mix of legacy and <c>ALLOW_</c> names, so no <c>ALLOW_</c> name means legacy.
    /// </summary>
    private bool UsesLegacyFlowNames => !ExplicitAuthFlows.Any(f => f.StartsWith("ALLOW_", StringComparison.Ordinal));

    /// <summary>Whether the OAuth 2.0 client-credentials grant is enabled at the token endpoint.</summary>
    public bool AllowsClientCredentials => AllowedOAuthFlowsUserPoolClient && AllowedOAuthFlows.Contains("client_credentials");

    public override string ToString() => $"AppClient {{ Name = {Name}, ClientId = {ClientId}, HasSecret = {ClientSecret is not null} }}";
}

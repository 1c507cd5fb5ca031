using CognitoAuth.Client.Diagnostics;

namespace CognitoAuth.Client;

/// <summary>
/// The tokens Cognito issued for one user: a plain, serializable value (a store may persist it as JSON).
/// <see cref="ToString"/> redacts every token.
/// </summary>
public sealed class CognitoTokenSet
{
    /// <summary>Gets the access token (a JWT).</summary>
    public required string AccessToken { get; init; }

    /// <summary>Gets the ID token (a JWT), when Cognito returned one.</summary>
    public string? IdToken { get; init; }

    /// <summary>Gets the refresh token, when Cognito returned one.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>Gets when the request that obtained the tokens was sent (UTC).</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>Gets when the access and ID tokens expire (UTC): <see cref="IssuedAt"/> plus Cognito's <c>ExpiresIn</c>.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// Gets Cognito's own user name (the access token's <c>username</c> claim), which differs from the name signed in with
    /// when that was an alias such as an e-mail address. Refreshing with a client secret needs it.
    /// </summary>
    public string? Username { get; init; }

    /// <summary>
    /// Gets the device Cognito remembers for this user, when <see cref="CognitoApiClientOptions.RememberDevice"/> is on and the
    /// pool tracks devices: later sign-ins prove it (<c>DEVICE_SRP_AUTH</c>) and refreshes name it (<c>DEVICE_KEY</c>).
    /// </summary>
    public CognitoDevice? Device { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"CognitoTokenSet {{ AccessToken = ***, IdToken = {Redaction.Mask(IdToken)}, RefreshToken = {Redaction.Mask(RefreshToken)}, " +
        $"IssuedAt = {IssuedAt:O}, ExpiresAt = {ExpiresAt:O}, Username = {Username}, Device = {Device?.ToString() ?? "null"} }}";
}

using CognitoAuth.Reference;

namespace CognitoAuth.Emulator;

/// <summary>An app client to create besides the reference one (see <see cref="CognitoEmulatorOptions.AdditionalClients"/>).</summary>
public sealed class EmulatorClientOptions
{
    /// <summary>Gets or sets the client's name.</summary>
    /// <value>The default value is <c>extra-client</c>.</value>
    public string Name { get; set; } = "extra-client";

    /// <summary>Gets or sets whether the client has a secret, so that every auth call must carry <c>SECRET_HASH</c>.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool GenerateSecret { get; set; }

    /// <summary>
    /// Gets the explicit auth flows the client allows (<c>ALLOW_ADMIN_USER_PASSWORD_AUTH</c>,
    /// <c>ALLOW_USER_PASSWORD_AUTH</c>, <c>ALLOW_USER_SRP_AUTH</c>, <c>ALLOW_REFRESH_TOKEN_AUTH</c>); the emulator implements no others.
    /// </summary>
    /// <value>The default value is the reference client's flows.</value>
    public IList<string> ExplicitAuthFlows { get; } = [.. ReferenceStack.AppClient.ExplicitAuthFlows];

    /// <summary>Gets or sets whether auth operations answer "Incorrect username or password." for unknown users rather than UserNotFoundException.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool PreventUserExistenceErrors { get; set; } = true;

    /// <summary>Gets or sets whether RevokeToken works for this client.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableTokenRevocation { get; set; } = true;

    /// <summary>
    /// Gets or sets whether the client rotates refresh tokens (<c>GetTokensFromRefreshToken</c> returns a new one each time;
    /// <c>ALLOW_REFRESH_TOKEN_AUTH</c> is taken out of <see cref="ExplicitAuthFlows"/>, as Cognito requires).
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RefreshTokenRotation { get; set; }

    /// <summary>Gets or sets how long a rotated-out refresh token still works, 0–60 whole seconds.</summary>
    /// <value>The default value is the reference stack's, <see cref="ReferenceStack.RefreshTokenRotationGracePeriod"/> (10 seconds).</value>
    public TimeSpan RefreshTokenRotationGracePeriod { get; set; } = ReferenceStack.RefreshTokenRotationGracePeriod;

    /// <summary>Gets or sets whether the API's JWT authorizer lists this client as an audience (the reference client always is).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AcceptedByApi { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"EmulatorClientOptions {{ Name = {Name}, GenerateSecret = {GenerateSecret} }}";
}

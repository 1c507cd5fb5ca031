namespace CognitoAuth.Emulator.Pool;

/// <summary>An app client of the pool and the rules Cognito enforces for it.</summary>
internal sealed class AppClient
{
    public required string ClientId { get; init; }

    public required string Name { get; init; }

    public string? ClientSecret { get; init; }

    public required IReadOnlySet<string> ExplicitAuthFlows { get; init; }

    public bool PreventUserExistenceErrors { get; init; }

    public bool EnableTokenRevocation { get; init; }

    public required TimeSpan AccessTokenValidity { get; init; }

    public required TimeSpan IdTokenValidity { get; init; }

    public required TimeSpan RefreshTokenValidity { get; init; }

    /// <summary>Whether the admin password flows (<c>ADMIN_USER_PASSWORD_AUTH</c>, legacy <c>ADMIN_NO_SRP_AUTH</c>) are allowed.</summary>
    public bool AllowsAdminPasswordAuth =>
        ExplicitAuthFlows.Contains("ALLOW_ADMIN_USER_PASSWORD_AUTH") || ExplicitAuthFlows.Contains("ADMIN_NO_SRP_AUTH");

    public bool AllowsUserPasswordAuth =>
        ExplicitAuthFlows.Contains("ALLOW_USER_PASSWORD_AUTH") || ExplicitAuthFlows.Contains("USER_PASSWORD_AUTH");

    public bool AllowsRefreshTokenAuth => ExplicitAuthFlows.Contains("ALLOW_REFRESH_TOKEN_AUTH");

    public override string ToString() => $"AppClient {{ Name = {Name}, ClientId = {ClientId}, HasSecret = {ClientSecret is not null} }}";
}

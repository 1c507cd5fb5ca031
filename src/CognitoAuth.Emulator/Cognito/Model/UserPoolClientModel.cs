using System.Text.Json;

namespace CognitoAuth.Emulator.Cognito.Model;

// Shapes of the app client operations, member for member as in botocore's cognito-idp model.

internal sealed class CreateUserPoolClientRequest
{
    public string? UserPoolId { get; set; }

    public string? ClientName { get; set; }

    public bool? GenerateSecret { get; set; }

    /// <summary>A secret of the caller's choosing (24–64 word characters) instead of a generated one.</summary>
    public string? ClientSecret { get; set; }

    public int? RefreshTokenValidity { get; set; }

    public int? AccessTokenValidity { get; set; }

    public int? IdTokenValidity { get; set; }

    public TokenValidityUnitsType? TokenValidityUnits { get; set; }

    public List<string>? ReadAttributes { get; set; }

    public List<string>? WriteAttributes { get; set; }

    public List<string>? ExplicitAuthFlows { get; set; }

    public List<string>? SupportedIdentityProviders { get; set; }

    public List<string>? CallbackURLs { get; set; }

    public List<string>? LogoutURLs { get; set; }

    public string? DefaultRedirectURI { get; set; }

    public List<string>? AllowedOAuthFlows { get; set; }

    public List<string>? AllowedOAuthScopes { get; set; }

    public bool? AllowedOAuthFlowsUserPoolClient { get; set; }

    public JsonElement? AnalyticsConfiguration { get; set; }

    public string? PreventUserExistenceErrors { get; set; }

    public bool? EnableTokenRevocation { get; set; }

    public bool? EnablePropagateAdditionalUserContextData { get; set; }

    public int? AuthSessionValidity { get; set; }

    public RefreshTokenRotationType? RefreshTokenRotation { get; set; }
}

internal sealed class CreateUserPoolClientResponse
{
    public UserPoolClientType? UserPoolClient { get; set; }
}

internal sealed class DescribeUserPoolClientRequest
{
    public string? UserPoolId { get; set; }

    public string? ClientId { get; set; }
}

internal sealed class DescribeUserPoolClientResponse
{
    public UserPoolClientType? UserPoolClient { get; set; }
}

internal sealed class ListUserPoolClientsRequest
{
    public string? UserPoolId { get; set; }

    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class ListUserPoolClientsResponse
{
    public List<UserPoolClientDescription>? UserPoolClients { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class UpdateUserPoolClientRequest
{
    public string? UserPoolId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientName { get; set; }

    public int? RefreshTokenValidity { get; set; }

    public int? AccessTokenValidity { get; set; }

    public int? IdTokenValidity { get; set; }

    public TokenValidityUnitsType? TokenValidityUnits { get; set; }

    public List<string>? ReadAttributes { get; set; }

    public List<string>? WriteAttributes { get; set; }

    public List<string>? ExplicitAuthFlows { get; set; }

    public List<string>? SupportedIdentityProviders { get; set; }

    public List<string>? CallbackURLs { get; set; }

    public List<string>? LogoutURLs { get; set; }

    public string? DefaultRedirectURI { get; set; }

    public List<string>? AllowedOAuthFlows { get; set; }

    public List<string>? AllowedOAuthScopes { get; set; }

    public bool? AllowedOAuthFlowsUserPoolClient { get; set; }

    public JsonElement? AnalyticsConfiguration { get; set; }

    public string? PreventUserExistenceErrors { get; set; }

    public bool? EnableTokenRevocation { get; set; }

    public bool? EnablePropagateAdditionalUserContextData { get; set; }

    public int? AuthSessionValidity { get; set; }

    public RefreshTokenRotationType? RefreshTokenRotation { get; set; }
}

internal sealed class UpdateUserPoolClientResponse
{
    public UserPoolClientType? UserPoolClient { get; set; }
}

internal sealed class UserPoolClientType
{
    public string? UserPoolId { get; set; }

    public string? ClientName { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public DateTimeOffset? LastModifiedDate { get; set; }

    public DateTimeOffset? CreationDate { get; set; }

    public int? RefreshTokenValidity { get; set; }

    public int? AccessTokenValidity { get; set; }

    public int? IdTokenValidity { get; set; }

    public TokenValidityUnitsType? TokenValidityUnits { get; set; }

    public List<string>? ReadAttributes { get; set; }

    public List<string>? WriteAttributes { get; set; }

    public List<string>? ExplicitAuthFlows { get; set; }

    public List<string>? SupportedIdentityProviders { get; set; }

    public List<string>? CallbackURLs { get; set; }

    public List<string>? LogoutURLs { get; set; }

    public string? DefaultRedirectURI { get; set; }

    public List<string>? AllowedOAuthFlows { get; set; }

    public List<string>? AllowedOAuthScopes { get; set; }

    public bool? AllowedOAuthFlowsUserPoolClient { get; set; }

    public JsonElement? AnalyticsConfiguration { get; set; }

    public string? PreventUserExistenceErrors { get; set; }

    public bool? EnableTokenRevocation { get; set; }

    public bool? EnablePropagateAdditionalUserContextData { get; set; }

    public int? AuthSessionValidity { get; set; }

    public RefreshTokenRotationType? RefreshTokenRotation { get; set; }
}

internal sealed class TokenValidityUnitsType
{
    public string? AccessToken { get; set; }

    public string? IdToken { get; set; }

    public string? RefreshToken { get; set; }
}

/// <summary>Whether the app client rotates refresh tokens, and how long a rotated-out token still works.</summary>
internal sealed class RefreshTokenRotationType
{
    public string? Feature { get; set; }

    public int? RetryGracePeriodSeconds { get; set; }
}

internal sealed class UserPoolClientDescription
{
    public string? ClientId { get; set; }

    public string? UserPoolId { get; set; }

    public string? ClientName { get; set; }
}


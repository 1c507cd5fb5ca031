using CognitoAuth.Emulator.Cognito.Model;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>The settings CreateUserPoolClient and UpdateUserPoolClient share.</summary>
internal sealed record ClientSettings(
    IReadOnlyList<string>? ExplicitAuthFlows,
    int? RefreshTokenValidity,
    int? AccessTokenValidity,
    int? IdTokenValidity,
    TokenValidityUnitsType? Units,
    IReadOnlyList<string>? AllowedOAuthFlows,
    IReadOnlyList<string>? AllowedOAuthScopes,
    bool? AllowedOAuthFlowsUserPoolClient,
    IReadOnlyList<string>? CallbackUrls,
    IReadOnlyList<string>? LogoutUrls,
    string? DefaultRedirectUri,
    IReadOnlyList<string>? SupportedIdentityProviders,
    IReadOnlyList<string>? ReadAttributes,
    IReadOnlyList<string>? WriteAttributes,
    string? PreventUserExistenceErrors,
    bool? EnableTokenRevocation,
    bool? EnablePropagateAdditionalUserContextData,
    int? AuthSessionValidity,
    RefreshTokenRotationType? RefreshTokenRotation);

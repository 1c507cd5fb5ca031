using System.Text.Json;

namespace CognitoAuth.Emulator.Cognito.Model;

// Shapes of the sign-in operations, member for member as in botocore's cognito-idp model.

internal sealed class InitiateAuthRequest
{
    public string? UserPoolId { get; set; }

    public string? ClientId { get; set; }

    public string? AuthFlow { get; set; }

    public Dictionary<string, string>? AuthParameters { get; set; }

    public Dictionary<string, string>? ClientMetadata { get; set; }

    public JsonElement? AnalyticsMetadata { get; set; }

    public JsonElement? ContextData { get; set; }

    public JsonElement? UserContextData { get; set; }

    /// <summary>Choice-based sign-in (<c>USER_AUTH</c>) only; accepted and not acted on.</summary>
    public string? Session { get; set; }
}

internal sealed class RespondToAuthChallengeRequest
{
    public string? UserPoolId { get; set; }

    public string? ClientId { get; set; }

    public string? ChallengeName { get; set; }

    public Dictionary<string, string>? ChallengeResponses { get; set; }

    public string? Session { get; set; }

    public Dictionary<string, string>? ClientMetadata { get; set; }

    public JsonElement? AnalyticsMetadata { get; set; }

    public JsonElement? ContextData { get; set; }

    public JsonElement? UserContextData { get; set; }
}

/// <summary>The output of InitiateAuth, AdminInitiateAuth and both RespondToAuthChallenge operations.</summary>
internal sealed class AuthFlowResponse
{
    public string? ChallengeName { get; set; }

    public string? Session { get; set; }

    public Dictionary<string, string>? ChallengeParameters { get; set; }

    public AuthenticationResultType? AuthenticationResult { get; set; }
}

internal sealed class AuthenticationResultType
{
    public string? AccessToken { get; set; }

    public int? ExpiresIn { get; set; }

    public string? TokenType { get; set; }

    public string? RefreshToken { get; set; }

    public string? IdToken { get; set; }

    /// <summary>A new device's key and group key, in a pool that remembers devices (a sign-in that named no device).</summary>
    public NewDeviceMetadataType? NewDeviceMetadata { get; set; }
}

/// <summary>
/// GetTokensFromRefreshToken: unsigned; a client with a secret sends the raw <c>ClientSecret</c> (not a SECRET_HASH).
/// <c>DeviceKey</c> must name the device a refresh token was bound to (a pool that remembers devices); <c>ClientMetadata</c>
/// is accepted and not acted on.
/// </summary>
internal sealed class GetTokensFromRefreshTokenRequest
{
    public string? RefreshToken { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? DeviceKey { get; set; }

    public Dictionary<string, string>? ClientMetadata { get; set; }
}

/// <summary>New access and ID tokens, and a new refresh token when the app client rotates them.</summary>
internal sealed class GetTokensFromRefreshTokenResponse
{
    public AuthenticationResultType? AuthenticationResult { get; set; }
}

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
}

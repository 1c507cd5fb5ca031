using System.Text.Json.Serialization;
using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Client.Cognito;

/// <summary>Source-generated serialization for the JSON 1.1 protocol: no reflection, trimming- and AOT-safe.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdminInitiateAuthRequest))]
[JsonSerializable(typeof(InitiateAuthRequest))]
[JsonSerializable(typeof(AdminRespondToAuthChallengeRequest))]
[JsonSerializable(typeof(RespondToAuthChallengeRequest))]
[JsonSerializable(typeof(AuthFlowResponse))]
[JsonSerializable(typeof(RevokeTokenRequest))]
[JsonSerializable(typeof(RevokeTokenResponse))]
[JsonSerializable(typeof(GetTokensFromRefreshTokenRequest))]
[JsonSerializable(typeof(GetTokensFromRefreshTokenResponse))]
[JsonSerializable(typeof(AdminCreateUserRequest))]
[JsonSerializable(typeof(AdminCreateUserResponse))]
[JsonSerializable(typeof(AssociateSoftwareTokenRequest))]
[JsonSerializable(typeof(AssociateSoftwareTokenResponse))]
[JsonSerializable(typeof(VerifySoftwareTokenRequest))]
[JsonSerializable(typeof(VerifySoftwareTokenResponse))]
[JsonSerializable(typeof(SetUserMfaPreferenceRequest))]
[JsonSerializable(typeof(SetUserMfaPreferenceResponse))]
[JsonSerializable(typeof(ConfirmDeviceRequest))]
[JsonSerializable(typeof(ConfirmDeviceResponse))]
[JsonSerializable(typeof(UpdateDeviceStatusRequest))]
[JsonSerializable(typeof(UpdateDeviceStatusResponse))]
[JsonSerializable(typeof(CognitoErrorResponse))]
internal sealed partial class CognitoJsonContext : JsonSerializerContext;

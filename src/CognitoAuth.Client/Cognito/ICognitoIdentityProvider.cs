using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Client.Cognito;

/// <summary>
/// The few Cognito Identity Provider operations the client needs, over the JSON 1.1 protocol.
/// Admin operations are SigV4-signed; the others are unsigned. Every failure is a <see cref="CognitoException"/>.
/// </summary>
internal interface ICognitoIdentityProvider
{
    Task<AuthFlowResponse> AdminInitiateAuthAsync(CognitoEndpoint endpoint, AdminInitiateAuthRequest request, CancellationToken cancellationToken);

    Task<AuthFlowResponse> AdminRespondToAuthChallengeAsync(CognitoEndpoint endpoint, AdminRespondToAuthChallengeRequest request, CancellationToken cancellationToken);

    Task<AuthFlowResponse> InitiateAuthAsync(CognitoEndpoint endpoint, InitiateAuthRequest request, CancellationToken cancellationToken);

    Task<AuthFlowResponse> RespondToAuthChallengeAsync(CognitoEndpoint endpoint, RespondToAuthChallengeRequest request, CancellationToken cancellationToken);

    Task RevokeTokenAsync(CognitoEndpoint endpoint, RevokeTokenRequest request, CancellationToken cancellationToken);

    Task<GetTokensFromRefreshTokenResponse> GetTokensFromRefreshTokenAsync(CognitoEndpoint endpoint, GetTokensFromRefreshTokenRequest request, CancellationToken cancellationToken);

    Task<AssociateSoftwareTokenResponse> AssociateSoftwareTokenAsync(CognitoEndpoint endpoint, AssociateSoftwareTokenRequest request, CancellationToken cancellationToken);

    Task<VerifySoftwareTokenResponse> VerifySoftwareTokenAsync(CognitoEndpoint endpoint, VerifySoftwareTokenRequest request, CancellationToken cancellationToken);

    Task SetUserMfaPreferenceAsync(CognitoEndpoint endpoint, SetUserMfaPreferenceRequest request, CancellationToken cancellationToken);

    Task<ConfirmDeviceResponse> ConfirmDeviceAsync(CognitoEndpoint endpoint, ConfirmDeviceRequest request, CancellationToken cancellationToken);

    Task UpdateDeviceStatusAsync(CognitoEndpoint endpoint, UpdateDeviceStatusRequest request, CancellationToken cancellationToken);

    Task<AdminCreateUserResponse> AdminCreateUserAsync(CognitoEndpoint endpoint, AdminCreateUserRequest request, CancellationToken cancellationToken);
}

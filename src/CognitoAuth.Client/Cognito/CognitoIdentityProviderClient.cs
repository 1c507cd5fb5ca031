using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Cognito.Signing;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Cognito;

/// <summary>
/// <see cref="ICognitoIdentityProvider"/> over Cognito's JSON 1.1 protocol: <c>POST {ServiceUrl}</c> with
/// <c>X-Amz-Target: AWSCognitoIdentityProviderService.{Operation}</c> and a source-generated JSON body. The named
/// HttpClient <see cref="HttpClientName"/> brings retries, timeouts and SigV4 for the <c>Admin*</c> operations.
/// </summary>
internal sealed class CognitoIdentityProviderClient(
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    ILogger<CognitoIdentityProviderClient> logger) : ICognitoIdentityProvider
{
    /// <summary>The name of the HttpClient that talks to Cognito.</summary>
    public const string HttpClientName = CognitoApiClientOptions.BackChannelName;

    private const string TargetHeader = "X-Amz-Target";
    private const string TargetPrefix = "AWSCognitoIdentityProviderService.";
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");
    private static readonly CognitoJsonContext Json = CognitoJsonContext.Default;

    public Task<AuthFlowResponse> AdminInitiateAuthAsync(CognitoEndpoint endpoint, AdminInitiateAuthRequest request, CancellationToken cancellationToken) =>
        InvokeAsync(endpoint, "AdminInitiateAuth", signed: true, request, Json.AdminInitiateAuthRequest, Json.AuthFlowResponse, cancellationToken);

    public Task<AuthFlowResponse> AdminRespondToAuthChallengeAsync(CognitoEndpoint endpoint, AdminRespondToAuthChallengeRequest request, CancellationToken cancellationToken) =>
        InvokeAsync(endpoint, "AdminRespondToAuthChallenge", signed: true, request, Json.AdminRespondToAuthChallengeRequest, Json.AuthFlowResponse, cancellationToken);

    public Task<AuthFlowResponse> InitiateAuthAsync(CognitoEndpoint endpoint, InitiateAuthRequest request, CancellationToken cancellationToken) =>
        InvokeAsync(endpoint, "InitiateAuth", signed: false, request, Json.InitiateAuthRequest, Json.AuthFlowResponse, cancellationToken);

    public Task<AuthFlowResponse> RespondToAuthChallengeAsync(CognitoEndpoint endpoint, RespondToAuthChallengeRequest request, CancellationToken cancellationToken) =>
        InvokeAsync(endpoint, "RespondToAuthChallenge", signed: false, request, Json.RespondToAuthChallengeRequest, Json.AuthFlowResponse, cancellationToken);

    public Task RevokeTokenAsync(CognitoEndpoint endpoint, RevokeTokenRequest request, CancellationToken cancellationToken) =>
        InvokeAsync(endpoint, "RevokeToken", signed: false, request, Json.RevokeTokenRequest, Json.RevokeTokenResponse, cancellationToken);

    public Task<GetTokensFromRefreshTokenResponse> GetTokensFromRefreshTokenAsync(CognitoEndpoint endpoint, GetTokensFromRefreshTokenRequest request, CancellationToken cancellationToken) =>
        InvokeAsync(endpoint, "GetTokensFromRefreshToken", signed: false, request, Json.GetTokensFromRefreshTokenRequest, Json.GetTokensFromRefreshTokenResponse, cancellationToken);

    public Task<AssociateSoftwareTokenResponse> AssociateSoftwareTokenAsync(CognitoEndpoint endpoint, AssociateSoftwareTokenRequest request, CancellationToken cancellationToken) =>
        InvokeAsync(endpoint, "AssociateSoftwareToken", signed: false, request, Json.AssociateSoftwareTokenRequest, Json.AssociateSoftwareTokenResponse, cancellationToken);

    public Task<VerifySoftwareTokenResponse> VerifySoftwareTokenAsync(CognitoEndpoint endpoint, VerifySoftwareTokenRequest request, CancellationToken cancellationToken) =>
        InvokeAsync(endpoint, "VerifySoftwareToken", signed: false, request, Json.VerifySoftwareTokenRequest, Json.VerifySoftwareTokenResponse, cancellationToken);

    public Task SetUserMfaPreferenceAsync(CognitoEndpoint endpoint, SetUserMfaPreferenceRequest request, CancellationToken cancellationToken) =>
        InvokeAsync(endpoint, "SetUserMFAPreference", signed: false, request, Json.SetUserMfaPreferenceRequest, Json.SetUserMfaPreferenceResponse, cancellationToken);

    public Task<ConfirmDeviceResponse> ConfirmDeviceAsync(CognitoEndpoint endpoint, ConfirmDeviceRequest request, CancellationToken cancellationToken) =>
        InvokeAsync(endpoint, "ConfirmDevice", signed: false, request, Json.ConfirmDeviceRequest, Json.ConfirmDeviceResponse, cancellationToken);

    public Task UpdateDeviceStatusAsync(CognitoEndpoint endpoint, UpdateDeviceStatusRequest request, CancellationToken cancellationToken) =>
        InvokeAsync(endpoint, "UpdateDeviceStatus", signed: false, request, Json.UpdateDeviceStatusRequest, Json.UpdateDeviceStatusResponse, cancellationToken);

    public Task<AdminCreateUserResponse> AdminCreateUserAsync(CognitoEndpoint endpoint, AdminCreateUserRequest request, CancellationToken cancellationToken) =>
        InvokeAsync(endpoint, "AdminCreateUser", signed: true, request, Json.AdminCreateUserRequest, Json.AdminCreateUserResponse, cancellationToken);

    private async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        CognitoEndpoint endpoint,
        string operation,
        bool signed,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(request);

        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint.ServiceUrl)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, requestType)) { Headers = { ContentType = JsonContentType } },
        };
        message.Headers.TryAddWithoutValidation(TargetHeader, TargetPrefix + operation);
        if (signed)
        {
            message.Options.Set(SigV4SigningHandler.SigningRegion, endpoint.Region);
        }

        return await BackChannel.SendAsync(
            httpClientFactory,
            timeProvider,
            logger,
            message,
            operation,
            static (response, body) => CognitoErrors.FromErrorResponse(response, body),
            (response, body) => BackChannel.Json(response, body, operation, responseType),
            cancellationToken).ConfigureAwait(false);
    }
}

using System.Text;
using CognitoAuth.Client;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>
/// Cognito in memory for the client benchmarks: every sign-in and refresh returns JWT-shaped tokens after
/// <see cref="Latency"/> (so concurrent callers really overlap), and is counted, so a benchmark can fail when a storm
/// makes more than one call.
/// </summary>
internal sealed class BenchCognito : ICognitoIdentityProvider
{
    private int _calls;
    private int _serial;

    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(5);

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The client options of the benchmarks' user; the API is <c>https://api.example.com/prod/</c>.</summary>
    public static void Configure(CognitoApiClientOptions options)
    {
        options.UserPoolId = "ap-northeast-1_Bench";
        options.ClientId = "benchclient";
        options.Username = "bench-user@example.com";
        options.Password = "BenchPass123!";
        options.ApiBaseAddress = new Uri("https://api.example.com/prod/");
    }

    public void Reset() => Interlocked.Exchange(ref _calls, 0);

    public Task<AuthFlowResponse> AdminInitiateAuthAsync(CognitoEndpoint endpoint, AdminInitiateAuthRequest request, CancellationToken cancellationToken) =>
        IssueAsync(cancellationToken);

    public Task<AuthFlowResponse> InitiateAuthAsync(CognitoEndpoint endpoint, InitiateAuthRequest request, CancellationToken cancellationToken) =>
        IssueAsync(cancellationToken);

    public Task<AuthFlowResponse> AdminRespondToAuthChallengeAsync(CognitoEndpoint endpoint, AdminRespondToAuthChallengeRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<AuthFlowResponse> RespondToAuthChallengeAsync(CognitoEndpoint endpoint, RespondToAuthChallengeRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task RevokeTokenAsync(CognitoEndpoint endpoint, RevokeTokenRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<AssociateSoftwareTokenResponse> AssociateSoftwareTokenAsync(CognitoEndpoint endpoint, AssociateSoftwareTokenRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<VerifySoftwareTokenResponse> VerifySoftwareTokenAsync(CognitoEndpoint endpoint, VerifySoftwareTokenRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task SetUserMfaPreferenceAsync(CognitoEndpoint endpoint, SetUserMfaPreferenceRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<GetTokensFromRefreshTokenResponse> GetTokensFromRefreshTokenAsync(CognitoEndpoint endpoint, GetTokensFromRefreshTokenRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<AdminCreateUserResponse> AdminCreateUserAsync(CognitoEndpoint endpoint, AdminCreateUserRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<ConfirmDeviceResponse> ConfirmDeviceAsync(CognitoEndpoint endpoint, ConfirmDeviceRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task UpdateDeviceStatusAsync(CognitoEndpoint endpoint, UpdateDeviceStatusRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private async Task<AuthFlowResponse> IssueAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        await Task.Delay(Latency, cancellationToken);
        var serial = Interlocked.Increment(ref _serial);
        return new AuthFlowResponse
        {
            AuthenticationResult = new AuthenticationResultType
            {
                AccessToken = Jwt($"{{\"username\":\"bench-user\",\"token_use\":\"access\",\"jti\":\"access-{serial}\"}}"),
                IdToken = Jwt($"{{\"cognito:username\":\"bench-user\",\"token_use\":\"id\",\"jti\":\"id-{serial}\"}}"),
                RefreshToken = $"refresh-{serial}",
                ExpiresIn = 3600,
                TokenType = "Bearer",
            },
        };
    }

    private static string Jwt(string payload) =>
        $"eyJhbGciOiJSUzI1NiIsImtpZCI6ImJlbmNoIn0.{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.c2lnbmF0dXJl";
}

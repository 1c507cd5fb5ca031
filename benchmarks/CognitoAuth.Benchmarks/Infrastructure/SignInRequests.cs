using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using CognitoAuth.Client.Cognito.Signing;

namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>
/// The sign-in requests of the Cognito throughput benchmark, as the AWS CLI or SDK would send them: JSON 1.1, and for
/// <c>AdminInitiateAuth</c> a fresh SigV4 signature per request (the emulator verifies it; cognito-local ignores it).
/// </summary>
internal sealed class SignInRequests(Uri endpoint, string region, string userPoolId, string clientId, string username, string password, ImmutableCredentials credentials)
{
    private readonly byte[] _initiateAuth = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
    {
        ["AuthFlow"] = "USER_PASSWORD_AUTH",
        ["ClientId"] = clientId,
        ["AuthParameters"] = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password },
    });

    private readonly byte[] _adminInitiateAuth = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
    {
        ["AuthFlow"] = "ADMIN_USER_PASSWORD_AUTH",
        ["UserPoolId"] = userPoolId,
        ["ClientId"] = clientId,
        ["AuthParameters"] = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password },
    });

    public HttpRequestMessage Create(string operation)
    {
        var admin = operation == "AdminInitiateAuth";
        var body = admin ? _adminInitiateAuth : _initiateAuth;
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSCognitoIdentityProviderService.{operation}");
        if (admin)
        {
            SigV4Signer.Sign(request, body, credentials, region, SigV4Signer.CognitoService, TimeProvider.System.GetUtcNow());
        }

        return request;
    }

    /// <summary>The access token of one sign-in (checks that the endpoint really signs in).</summary>
    public async Task<string> AccessTokenAsync(HttpClient http, string operation)
    {
        using var request = Create(operation);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(Encoding.UTF8.GetBytes(body));
        return response.IsSuccessStatusCode && json.RootElement.TryGetProperty("AuthenticationResult", out var result)
            ? result.GetProperty("AccessToken").GetString()!
            : throw new InvalidOperationException($"{operation} at {endpoint} did not sign in: {(int)response.StatusCode} {body}");
    }
}

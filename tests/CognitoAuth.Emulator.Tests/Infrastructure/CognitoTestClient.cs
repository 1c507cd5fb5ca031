using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>
/// A deliberately raw JSON 1.1 client for the tests: it sends exactly the bytes and headers a test asks for, signs
/// <c>Admin*</c> operations with AWSSDK.Core's signer, and hands back whatever the endpoint answered.
/// </summary>
internal sealed class CognitoTestClient(CognitoEmulator emulator) : IDisposable
{
    public const string Target = "AWSCognitoIdentityProviderService.";

    private readonly HttpClient _http = new() { BaseAddress = emulator.CognitoEndpoint };

    public CognitoEmulator Emulator => emulator;

    /// <summary>Calls an operation; the signed ones (all but botocore's <c>auth: none</c>) are signed with the emulator's credentials.</summary>
    public Task<CognitoResponse> CallAsync(string operation, object input) =>
        CallAsync(operation, JsonSerializer.Serialize(input));

    public Task<CognitoResponse> CallAsync(string operation, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = Request(operation, body);
        if (DispatchTable.Operations.TryGetValue(operation, out var served) ? served.RequiresSignature : operation.StartsWith("Admin", StringComparison.Ordinal))
        {
            SdkSigner.Sign(request, body, SigningParameters.For(emulator));
        }

        return SendAsync(request);
    }

    /// <summary>An unsigned request for an operation, with the content type AWS expects.</summary>
    public HttpRequestMessage Request(string? operation, byte[] body, string contentType = "application/x-amz-json-1.1")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, emulator.CognitoEndpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (operation is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", Target + operation);
        }

        return request;
    }

    public async Task<CognitoResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync();
            return new CognitoResponse(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, text);
        }
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    // The walkthrough's flows, as one-liners for tests that need a signed-in user.

    public Task<CognitoResponse> AdminInitiateAuthAsync(string username, string password, string? clientId = null, string flow = "ADMIN_USER_PASSWORD_AUTH") =>
        CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = emulator.UserPoolId,
            ClientId = clientId ?? emulator.ClientId,
            AuthFlow = flow,
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password },
        });

    public Task<CognitoResponse> RespondNewPasswordAsync(string session, string username, string newPassword, string? clientId = null, bool admin = true)
    {
        var responses = new Dictionary<string, string> { ["USERNAME"] = username, ["NEW_PASSWORD"] = newPassword };
        return admin
            ? CallAsync("AdminRespondToAuthChallenge", new { UserPoolId = emulator.UserPoolId, ClientId = clientId ?? emulator.ClientId, ChallengeName = "NEW_PASSWORD_REQUIRED", ChallengeResponses = responses, Session = session })
            : CallAsync("RespondToAuthChallenge", new { ClientId = clientId ?? emulator.ClientId, ChallengeName = "NEW_PASSWORD_REQUIRED", ChallengeResponses = responses, Session = session });
    }

    public Task<CognitoResponse> RefreshAsync(string refreshToken, string? clientId = null, Dictionary<string, string>? extra = null)
    {
        var parameters = new Dictionary<string, string>(extra ?? []) { ["REFRESH_TOKEN"] = refreshToken };
        return CallAsync("InitiateAuth", new { ClientId = clientId ?? emulator.ClientId, AuthFlow = "REFRESH_TOKEN_AUTH", AuthParameters = parameters });
    }

    /// <summary>Signs the seeded user in through NEW_PASSWORD_REQUIRED, as the walkthrough does, and returns the tokens.</summary>
    public async Task<TokenSet> SignInSeedUserAsync()
    {
        var seed = Reference.ReferenceStack.TestUser;
        var challenge = await AdminInitiateAuthAsync(seed.Username, seed.TemporaryPassword);
        challenge.AssertOk();
        var result = await RespondNewPasswordAsync(challenge.Get("Session"), seed.Username, seed.NewPassword);
        result.AssertOk();
        return TokenSet.From(result);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>An AuthenticationResult's tokens.</summary>
internal sealed record TokenSet(string AccessToken, string IdToken, string? RefreshToken)
{
    public static TokenSet From(CognitoResponse response)
    {
        var result = response.Json.GetProperty("AuthenticationResult");
        return new TokenSet(
            result.GetProperty("AccessToken").GetString()!,
            result.GetProperty("IdToken").GetString()!,
            result.TryGetProperty("RefreshToken", out var refresh) ? refresh.GetString() : null);
    }
}

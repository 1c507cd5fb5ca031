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

    /// <summary>InitiateAuth (or AdminInitiateAuth) USER_SRP_AUTH with the SRP client's A.</summary>
    public Task<CognitoResponse> SrpInitiateAsync(TestSrpClient srp, string username, string? clientId = null, bool admin = false, string? secretHash = null)
    {
        var parameters = new Dictionary<string, string> { ["USERNAME"] = username, ["SRP_A"] = srp.SrpA };
        if (secretHash is not null)
        {
            parameters["SECRET_HASH"] = secretHash;
        }

        return admin
            ? CallAsync("AdminInitiateAuth", new { UserPoolId = emulator.UserPoolId, ClientId = clientId ?? emulator.ClientId, AuthFlow = "USER_SRP_AUTH", AuthParameters = parameters })
            : CallAsync("InitiateAuth", new { ClientId = clientId ?? emulator.ClientId, AuthFlow = "USER_SRP_AUTH", AuthParameters = parameters });
    }

    /// <summary>Answers a challenge (RespondToAuthChallenge, or the admin one).</summary>
    public Task<CognitoResponse> RespondAsync(string challengeName, string session, IReadOnlyDictionary<string, string> responses, string? clientId = null, bool admin = false) =>
        admin
            ? CallAsync("AdminRespondToAuthChallenge", new { UserPoolId = emulator.UserPoolId, ClientId = clientId ?? emulator.ClientId, ChallengeName = challengeName, ChallengeResponses = responses, Session = session })
            : CallAsync("RespondToAuthChallenge", new { ClientId = clientId ?? emulator.ClientId, ChallengeName = challengeName, ChallengeResponses = responses, Session = session });

    /// <summary>
    /// A whole USER_SRP_AUTH exchange: the challenge, then the PASSWORD_VERIFIER answer signed now (by <paramref name="now"/>);
    /// returns what the answer got (tokens or the next challenge).
    /// </summary>
    public async Task<CognitoResponse> SrpSignInAsync(string username, string password, string? clientId = null, bool admin = false, DateTimeOffset? now = null)
    {
        var srp = new TestSrpClient(emulator.UserPoolId);
        var challenge = await SrpInitiateAsync(srp, username, clientId, admin);
        challenge.AssertOk();
        var answer = srp.Answer(Parameters(challenge), password, now ?? DateTimeOffset.UtcNow);
        return await RespondAsync("PASSWORD_VERIFIER", challenge.Get("Session"), answer, clientId, admin);
    }

    /// <summary>A challenge's ChallengeParameters.</summary>
    public static Dictionary<string, string> Parameters(CognitoResponse challenge) =>
        challenge.Json.GetProperty("ChallengeParameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

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

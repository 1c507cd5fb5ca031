using System.Net;
using System.Text.Json;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Tests.Cognito;

/// <summary>
/// One round trip per operation through the registered HttpClient pipeline: what goes on the wire (method, URL,
/// JSON 1.1 headers, body members, signature or none) and how Cognito's answer maps back.
/// </summary>
public sealed class CognitoIdentityProviderClientTests
{
    private const string AuthenticationResultJson = """
        {"AuthenticationResult":{"AccessToken":"eyJraWQiOiJhY2Nlc3MifQ.access.sig","ExpiresIn":3600,"TokenType":"Bearer",
        "RefreshToken":"eyJjdHkiOiJKV1QifQ.refresh","IdToken":"eyJraWQiOiJpZCJ9.id.sig"},"ChallengeParameters":{}}
        """;

    private static readonly CognitoEndpoint Endpoint = CognitoTestHost.Endpoint;

    [Fact]
    public async Task AdminInitiateAuthAsync_SeedRequest_PostsSignedJson11AndMapsChallenge()
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.OK, """
            {"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"AYABeEXAMPLEsession",
             "ChallengeParameters":{"USER_ID_FOR_SRP":"testuser@example.com","requiredAttributes":"[]","userAttributes":"{\"email\":\"testuser@example.com\"}"}}
            """, requestId: "5f1c2d3e-request");

        var response = await host.Client.AdminInitiateAuthAsync(Endpoint, new AdminInitiateAuthRequest
        {
            UserPoolId = "ap-northeast-1_AbCdEfGhI",
            ClientId = "1example23456789",
            AuthFlow = AuthFlowType.AdminNoSrpAuth,
            AuthParameters = new() { ["USERNAME"] = "testuser@example.com", ["PASSWORD"] = "TempPass123!" },
        }, CancellationToken.None);

        var sent = AssertJson11(host, "AdminInitiateAuth");
        var body = Body(sent);
        Assert.Equal(["AuthFlow", "AuthParameters", "ClientId", "UserPoolId"], Members(body));
        Assert.Equal("ADMIN_NO_SRP_AUTH", body.GetProperty("AuthFlow").GetString());
        Assert.Equal("TempPass123!", body.GetProperty("AuthParameters").GetProperty("PASSWORD").GetString());
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/ap-northeast-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=", sent.Header("Authorization"));
        Assert.Equal("20150830T123600Z", sent.Header("X-Amz-Date"));

        Assert.Equal(ChallengeNameType.NewPasswordRequired, response.ChallengeName);
        Assert.Equal("AYABeEXAMPLEsession", response.Session);
        Assert.Equal("testuser@example.com", response.ChallengeParameters![AuthParameterNames.UserIdForSrp]);
        Assert.Null(response.AuthenticationResult);
    }

    [Fact]
    public async Task AdminRespondToAuthChallengeAsync_NewPassword_PostsSignedAndMapsTokens()
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.OK, AuthenticationResultJson);

        var response = await host.Client.AdminRespondToAuthChallengeAsync(Endpoint, new AdminRespondToAuthChallengeRequest
        {
            UserPoolId = "ap-northeast-1_AbCdEfGhI",
            ClientId = "1example23456789",
            ChallengeName = ChallengeNameType.NewPasswordRequired,
            ChallengeResponses = new() { ["USERNAME"] = "testuser@example.com", ["NEW_PASSWORD"] = "NewSecurePass123!" },
            Session = "AYABeEXAMPLEsession",
        }, CancellationToken.None);

        var sent = AssertJson11(host, "AdminRespondToAuthChallenge");
        Assert.Equal(["ChallengeName", "ChallengeResponses", "ClientId", "Session", "UserPoolId"], Members(Body(sent)));
        Assert.NotNull(sent.Header("Authorization"));

        var result = response.AuthenticationResult!;
        Assert.Equal("eyJraWQiOiJhY2Nlc3MifQ.access.sig", result.AccessToken);
        Assert.Equal("eyJraWQiOiJpZCJ9.id.sig", result.IdToken);
        Assert.Equal("eyJjdHkiOiJKV1QifQ.refresh", result.RefreshToken);
        Assert.Equal(3600, result.ExpiresIn);
        Assert.Equal("Bearer", result.TokenType);
        Assert.Null(response.ChallengeName);
    }

    [Fact]
    public async Task InitiateAuthAsync_RefreshToken_IsUnsignedAndMapsTokensWithoutNewRefreshToken()
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.OK, """
            {"AuthenticationResult":{"AccessToken":"new-access","ExpiresIn":3600,"TokenType":"Bearer","IdToken":"new-id"},"ChallengeParameters":{}}
            """);

        var response = await host.Client.InitiateAuthAsync(Endpoint, new InitiateAuthRequest
        {
            AuthFlow = AuthFlowType.RefreshTokenAuth,
            ClientId = "1example23456789",
            AuthParameters = new() { ["REFRESH_TOKEN"] = "eyJjdHkiOiJKV1QifQ.refresh", ["SECRET_HASH"] = "c2VjcmV0" },
        }, CancellationToken.None);

        var sent = AssertJson11(host, "InitiateAuth");
        Assert.Equal(["AuthFlow", "AuthParameters", "ClientId"], Members(Body(sent)));
        AssertUnsigned(host, sent);
        Assert.Equal("new-access", response.AuthenticationResult!.AccessToken);
        Assert.Null(response.AuthenticationResult.RefreshToken);
    }

    [Fact]
    public async Task RespondToAuthChallengeAsync_NewPassword_IsUnsignedAndMapsTokens()
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.OK, AuthenticationResultJson);

        var response = await host.Client.RespondToAuthChallengeAsync(Endpoint, new RespondToAuthChallengeRequest
        {
            ClientId = "1example23456789",
            ChallengeName = ChallengeNameType.NewPasswordRequired,
            Session = "AYABeEXAMPLEsession",
            ChallengeResponses = new() { ["USERNAME"] = "testuser@example.com", ["NEW_PASSWORD"] = "NewSecurePass123!" },
        }, CancellationToken.None);

        var sent = AssertJson11(host, "RespondToAuthChallenge");
        Assert.Equal(["ChallengeName", "ChallengeResponses", "ClientId", "Session"], Members(Body(sent)));
        AssertUnsigned(host, sent);
        Assert.Equal(3600, response.AuthenticationResult!.ExpiresIn);
    }

    [Fact]
    public async Task RevokeTokenAsync_RefreshToken_IsUnsignedAndAcceptsEmptyObject()
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.OK, "{}");

        await host.Client.RevokeTokenAsync(Endpoint, new RevokeTokenRequest { Token = "eyJjdHkiOiJKV1QifQ.refresh", ClientId = "1example23456789" }, CancellationToken.None);

        var sent = AssertJson11(host, "RevokeToken");
        var body = Body(sent);
        Assert.Equal(["ClientId", "Token"], Members(body));
        Assert.Equal("eyJjdHkiOiJKV1QifQ.refresh", body.GetProperty("Token").GetString());
        AssertUnsigned(host, sent);
    }

    [Fact]
    public async Task AdminCreateUserAsync_SeedUser_PostsSignedAndMapsUser()
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.OK, """
            {"User":{"Username":"8f3e2a10-0000-4000-8000-000000000001","Attributes":[{"Name":"sub","Value":"8f3e2a10-0000-4000-8000-000000000001"},{"Name":"email","Value":"testuser@example.com"}],
             "UserCreateDate":1.795500000123E9,"UserLastModifiedDate":1795500000,"Enabled":true,"UserStatus":"FORCE_CHANGE_PASSWORD"}}
            """);

        var response = await host.Client.AdminCreateUserAsync(Endpoint, new AdminCreateUserRequest
        {
            UserPoolId = "ap-northeast-1_AbCdEfGhI",
            Username = "testuser@example.com",
            TemporaryPassword = "TempPass123!",
            MessageAction = "SUPPRESS",
            UserAttributes = [new() { Name = "email", Value = "testuser@example.com" }, new() { Name = "email_verified", Value = "true" }],
        }, CancellationToken.None);

        var sent = AssertJson11(host, "AdminCreateUser");
        var body = Body(sent);
        Assert.Equal(["MessageAction", "TemporaryPassword", "UserAttributes", "UserPoolId", "Username"], Members(body));
        Assert.Equal("email_verified", body.GetProperty("UserAttributes")[1].GetProperty("Name").GetString());
        Assert.NotNull(sent.Header("Authorization"));

        var user = response.User!;
        Assert.Equal("FORCE_CHANGE_PASSWORD", user.UserStatus);
        Assert.True(user.Enabled);
        Assert.Equal("testuser@example.com", user.Attributes!.Single(a => a.Name == "email").Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_795_500_000_123), user.UserCreateDate);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_795_500_000), user.UserLastModifiedDate);
    }

    [Fact]
    public async Task InitiateAuthAsync_ResponseWithUnknownMembers_IgnoresThem()
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.OK, """
            {"AvailableChallenges":["PASSWORD","EMAIL_OTP"],"ChallengeName":"SELECT_CHALLENGE","Session":"s","Future":{"nested":[1,2,{"x":null}]},
             "AuthenticationResult":null}
            """);

        var response = await host.Client.InitiateAuthAsync(Endpoint, new InitiateAuthRequest { AuthFlow = "USER_AUTH", ClientId = "c" }, CancellationToken.None);

        Assert.Equal("SELECT_CHALLENGE", response.ChallengeName);
        Assert.Equal("s", response.Session);
    }

    [Fact]
    public async Task InitiateAuthAsync_Success_LogsOperationStatusAndRequestIdAtDebug()
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.OK, AuthenticationResultJson, requestId: "req-123");

        await host.Client.InitiateAuthAsync(Endpoint, new InitiateAuthRequest { AuthFlow = AuthFlowType.UserPasswordAuth, ClientId = "c" }, CancellationToken.None);

        var record = Assert.Single(host.Logs, r => r.Id.Name == "CognitoCallSucceeded");
        Assert.Equal(LogLevel.Debug, record.Level);
        Assert.Equal("InitiateAuth", record.GetStructuredStateValue("Operation"));
        Assert.Equal("200", record.GetStructuredStateValue("StatusCode"));
        Assert.Equal("req-123", record.GetStructuredStateValue("RequestId"));
    }

    private static CapturedRequest AssertJson11(CognitoTestHost host, string operation)
    {
        var sent = Assert.Single(host.Stub.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(Endpoint.ServiceUrl, sent.Uri);
        Assert.Equal("application/x-amz-json-1.1", sent.Header("Content-Type"));
        Assert.Equal($"AWSCognitoIdentityProviderService.{operation}", sent.Header("X-Amz-Target"));
        return sent;
    }

    private static void AssertUnsigned(CognitoTestHost host, CapturedRequest sent)
    {
        Assert.Null(sent.Header("Authorization"));
        Assert.Null(sent.Header("X-Amz-Date"));
        Assert.Null(sent.Header("X-Amz-Security-Token"));
        Assert.Equal(0, host.Credentials.Calls);
    }

    private static JsonElement Body(CapturedRequest sent) => JsonDocument.Parse(sent.Body).RootElement;

    private static string[] Members(JsonElement body) => [.. body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}

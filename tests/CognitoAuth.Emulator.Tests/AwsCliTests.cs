using System.Net.Http.Headers;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests;

/// <summary>The walkthrough's own AWS CLI commands, verbatim plus <c>--endpoint-url</c>, against the emulator.</summary>
public sealed class AwsCliTests
{
    [AwsCliFact]
    public async Task SeedWalkthrough_RealAwsCli_SignsInSetsThePasswordCallsTheApiAndRefreshes()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var aws = new AwsCli();

        var challenge = (await aws.RunAsync(emulator,
        [
            "cognito-idp", "admin-initiate-auth",
            "--user-pool-id", emulator.UserPoolId,
            "--client-id", emulator.ClientId,
            "--auth-flow", "ADMIN_NO_SRP_AUTH",
            "--auth-parameters", "USERNAME=testuser@example.com,PASSWORD=TempPass123!",
        ])).Json;
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.GetProperty("ChallengeName").GetString());

        var signedIn = (await aws.RunAsync(emulator,
        [
            "cognito-idp", "admin-respond-to-auth-challenge",
            "--user-pool-id", emulator.UserPoolId,
            "--client-id", emulator.ClientId,
            "--challenge-name", "NEW_PASSWORD_REQUIRED",
            "--challenge-responses", "USERNAME=testuser@example.com,NEW_PASSWORD=NewSecurePass123!",
            "--session", challenge.GetProperty("Session").GetString()!,
        ])).Json;
        var result = signedIn.GetProperty("AuthenticationResult");
        Assert.Equal(3600, result.GetProperty("ExpiresIn").GetInt32());
        Assert.Equal("Bearer", result.GetProperty("TokenType").GetString());
        Assert.StartsWith("eyJraWQiOi", result.GetProperty("AccessToken").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("eyJraWQiOi", result.GetProperty("IdToken").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("eyJjdHkiOi", result.GetProperty("RefreshToken").GetString(), StringComparison.Ordinal);

        Assert.Equal("Hello from a protected API!", await GetHelloAsync(emulator, result.GetProperty("AccessToken").GetString()!));

        var refreshed = (await aws.RunAsync(emulator,
        [
            "cognito-idp", "initiate-auth",
            "--client-id", emulator.ClientId,
            "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", "REFRESH_TOKEN=" + result.GetProperty("RefreshToken").GetString(),
        ])).Json.GetProperty("AuthenticationResult");
        Assert.False(refreshed.TryGetProperty("RefreshToken", out _));
        var newAccessToken = refreshed.GetProperty("AccessToken").GetString()!;
        Assert.NotEqual(result.GetProperty("AccessToken").GetString(), newAccessToken);
        Assert.Equal("Hello from a protected API!", await GetHelloAsync(emulator, newAccessToken));
    }

    [AwsCliFact]
    public async Task AdminCreateUserThenAdminGetUser_RealAwsCli_ShowsTheUuidUserWithTheEmail()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var aws = new AwsCli();

        var created = (await aws.RunAsync(emulator,
        [
            "cognito-idp", "admin-create-user",
            "--user-pool-id", emulator.UserPoolId,
            "--username", "cli@example.com",
            "--temporary-password", "CliTemp123!",
            "--message-action", "SUPPRESS",
        ])).Json.GetProperty("User");
        var fetched = (await aws.RunAsync(emulator,
        [
            "cognito-idp", "admin-get-user",
            "--user-pool-id", emulator.UserPoolId,
            "--username", "cli@example.com",
        ])).Json;

        Assert.Equal("FORCE_CHANGE_PASSWORD", created.GetProperty("UserStatus").GetString());
        Assert.True(Guid.TryParse(created.GetProperty("Username").GetString(), out _));
        Assert.Equal(created.GetProperty("Username").GetString(), fetched.GetProperty("Username").GetString());
        Assert.Contains(fetched.GetProperty("UserAttributes").EnumerateArray(),
            a => a.GetProperty("Name").GetString() == "email" && a.GetProperty("Value").GetString() == "cli@example.com");

        // The CLI parsed UserCreateDate as a timestamp and printed it in ISO 8601.
        Assert.True(DateTimeOffset.TryParse(fetched.GetProperty("UserCreateDate").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [AwsCliFact]
    public async Task AdminGetUser_RealAwsCliWithAWrongSecretKey_ReportsTheSignatureError()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var aws = new AwsCli();

        var result = await aws.RunAsync(emulator,
            ["cognito-idp", "admin-get-user", "--user-pool-id", emulator.UserPoolId, "--username", "testuser@example.com"],
            secretAccessKey: "wrong-secret");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("An error occurred (InvalidSignatureException) when calling the AdminGetUser operation: The request signature we calculated does not match the signature you provided.", result.Stderr, StringComparison.Ordinal);
    }

    [AwsCliFact]
    public async Task InitiateAuth_RealAwsCliWrongPassword_ReportsNotAuthorized()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var aws = new AwsCli();

        var result = await aws.RunAsync(emulator,
        [
            "cognito-idp", "initiate-auth",
            "--client-id", emulator.ClientId,
            "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", "USERNAME=testuser@example.com,PASSWORD=Wrong123!",
        ]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("An error occurred (NotAuthorizedException) when calling the InitiateAuth operation: Incorrect username or password.", result.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string> GetHelloAsync(CognitoEmulator emulator, string accessToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.ApiUrl, "hello"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}

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

    [AwsCliFact]
    public async Task PoolSetup_RealAwsCli_CreatesAPoolClientUsersAndGroups_ListsAndDeletes()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var aws = new AwsCli();

        var pool = (await aws.RunAsync(emulator,
        [
            "cognito-idp", "create-user-pool", "--pool-name", "cli-pool",
            "--username-attributes", "email", "--auto-verified-attributes", "email",
            "--policies", "PasswordPolicy={MinimumLength=8,RequireUppercase=true,RequireLowercase=true,RequireNumbers=true,RequireSymbols=false}",
        ])).Json.GetProperty("UserPool");
        var poolId = pool.GetProperty("Id").GetString()!;
        var client = (await aws.RunAsync(emulator,
        [
            "cognito-idp", "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "cli-client",
            "--explicit-auth-flows", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "--generate-secret",
        ])).Json.GetProperty("UserPoolClient");
        (await aws.RunAsync(emulator, ["cognito-idp", "admin-create-user", "--user-pool-id", poolId, "--username", "cli-a@example.com", "--message-action", "SUPPRESS"])).Json.ToString();
        (await aws.RunAsync(emulator, ["cognito-idp", "admin-create-user", "--user-pool-id", poolId, "--username", "cli-b@example.com", "--message-action", "SUPPRESS"])).Json.ToString();
        var group = (await aws.RunAsync(emulator, ["cognito-idp", "create-group", "--user-pool-id", poolId, "--group-name", "ops", "--precedence", "3"])).Json.GetProperty("Group");
        var added = await aws.RunAsync(emulator, ["cognito-idp", "admin-add-user-to-group", "--user-pool-id", poolId, "--username", "cli-a@example.com", "--group-name", "ops"]);
        var filtered = (await aws.RunAsync(emulator, ["cognito-idp", "list-users", "--user-pool-id", poolId, "--filter", "email ^= \"cli-a\""])).Json.GetProperty("Users");
        var all = (await aws.RunAsync(emulator, ["cognito-idp", "list-users", "--user-pool-id", poolId, "--page-size", "1"])).Json.GetProperty("Users");
        var inGroup = (await aws.RunAsync(emulator, ["cognito-idp", "list-users-in-group", "--user-pool-id", poolId, "--group-name", "ops"])).Json.GetProperty("Users");
        var pools = (await aws.RunAsync(emulator, ["cognito-idp", "list-user-pools", "--max-results", "10"])).Json.GetProperty("UserPools");
        var describedClient = (await aws.RunAsync(emulator, ["cognito-idp", "describe-user-pool-client", "--user-pool-id", poolId, "--client-id", client.GetProperty("ClientId").GetString()!])).Json;
        var deleted = await aws.RunAsync(emulator, ["cognito-idp", "delete-user-pool", "--user-pool-id", poolId]);
        var gone = await aws.RunAsync(emulator, ["cognito-idp", "describe-user-pool", "--user-pool-id", poolId]);

        Assert.True(DateTimeOffset.TryParse(pool.GetProperty("CreationDate").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal(51, client.GetProperty("ClientSecret").GetString()!.Length);
        Assert.Equal(3, group.GetProperty("Precedence").GetInt32());
        Assert.Equal(0, added.ExitCode);
        Assert.Single(filtered.EnumerateArray());
        Assert.Equal(2, all.GetArrayLength());
        Assert.Single(inGroup.EnumerateArray());
        Assert.Contains(pools.EnumerateArray(), p => p.GetProperty("Id").GetString() == poolId);
        Assert.Equal(client.GetProperty("ClientSecret").GetString(), describedClient.GetProperty("UserPoolClient").GetProperty("ClientSecret").GetString());
        Assert.Equal(0, deleted.ExitCode);
        Assert.Contains($"An error occurred (ResourceNotFoundException) when calling the DescribeUserPool operation: User pool {poolId} does not exist.", gone.Stderr, StringComparison.Ordinal);
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

using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Peers;

/// <summary>
/// The AWS SDK for JavaScript v3 (pinned in tools/aws-sdk-js), written by others, runs a team's realistic test setup
/// end to end against bin/local, unchanged from how it would run against AWS (tools/aws-sdk-js/team-setup.mjs), and
/// refreshes with <c>GetTokensFromRefreshToken</c> with rotation on and off (tools/aws-sdk-js/rotation.mjs), and signs in
/// choice-based (<c>USER_AUTH</c>) with <c>PASSWORD</c> and with an <c>EMAIL_OTP</c> code from the inbox (tools/aws-sdk-js/user-auth.mjs).
/// </summary>
public sealed class AwsSdkJsTests : IDisposable
{
    private static readonly NodeTool Tool = new("aws-sdk-js", "@aws-sdk/client-cognito-identity-provider");
    private readonly string _directory = Directory.CreateTempSubdirectory("aws-sdk-js-").FullName;

    [Fact]
    public async Task TeamSetup_CreatePoolSignUpConfirmSignInGroupsResetSignOutDelete_AgainstBinLocal()
    {
        using var local = await BinLocalProcess.StartAsync(Path.Combine(_directory, "outputs.json"), "--no-seed");

        var seen = await RunAsync("team-setup.mjs", local.OutputsPath);

        Assert.Equal("User is not confirmed.", seen.GetProperty("unconfirmed").GetString());
        Assert.Equal(["editors"], seen.GetProperty("accessGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("Incorrect username or password.", seen.GetProperty("oldPassword").GetString());
        Assert.Equal("Refresh Token has been revoked", seen.GetProperty("afterSignOut").GetString());
        Assert.StartsWith("User pool ap-northeast-1_", seen.GetProperty("afterDelete").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokensFromRefreshToken_RotationOnAndOff_AgainstBinLocalWithRotationFlags()
    {
        using var local = await BinLocalProcess.StartAsync(Path.Combine(_directory, "outputs.json"), "--refresh-token-rotation", "--refresh-token-grace", "1");

        var seen = await RunAsync("rotation.mjs", local.OutputsPath, "1");

        Assert.Contains("The user app client rotates refresh tokens (GetTokensFromRefreshToken; grace period 1 s)", local.Stdout, StringComparison.Ordinal);
        Assert.True(seen.GetProperty("retryWithinGrace").GetBoolean());
        Assert.False(string.IsNullOrEmpty(seen.GetProperty("reuseAfterGrace").GetString()));
        Assert.True(seen.GetProperty("rotatedAgain").GetBoolean());
        Assert.Equal("Auth flow not enabled for this client", seen.GetProperty("refreshTokenAuthOnRotating").GetString());
        Assert.Equal("ENABLED", seen.GetProperty("userClientRotation").GetProperty("Feature").GetString());
        Assert.Equal(1, seen.GetProperty("userClientRotation").GetProperty("RetryGracePeriodSeconds").GetInt32());
        Assert.All(seen.GetProperty("plainRefreshTokens").EnumerateArray(), t => Assert.Equal(JsonValueKind.Null, t.ValueKind));
        Assert.True(seen.GetProperty("refreshTokenAuthOnPlain").GetBoolean());
        Assert.Equal("ENABLED", seen.GetProperty("createdRotation").GetProperty("Feature").GetString());
        Assert.Equal(30, seen.GetProperty("createdRotation").GetProperty("RetryGracePeriodSeconds").GetInt32());
        Assert.Equal("ALLOW_REFRESH_TOKEN_AUTH is not a permitted ExplicitAuthFlow when refresh token rotation is enabled.", seen.GetProperty("refused").GetString());
    }

    [Fact]
    public async Task UserAuth_PreferredPasswordAndEmailOtpWithTheInboxCode_AgainstBinLocal()
    {
        using var local = await BinLocalProcess.StartAsync(Path.Combine(_directory, "outputs.json"), "--no-seed");

        var seen = await RunAsync("user-auth.mjs", local.OutputsPath);

        Assert.Equal(["PASSWORD", "EMAIL_OTP"], seen.GetProperty("allowedFirstAuthFactors").EnumerateArray().Select(f => f.GetString()));
        Assert.True(seen.GetProperty("passwordTokens").GetBoolean());
        Assert.Equal("EMAIL", seen.GetProperty("emailOtpMedium").GetString());
        Assert.Equal("o***@e***", seen.GetProperty("emailOtpDestination").GetString());
        Assert.Equal("Authentication", seen.GetProperty("inboxKind").GetString());
        Assert.Equal(8, seen.GetProperty("codeLength").GetInt32());
        Assert.True(seen.GetProperty("emailOtpTokens").GetBoolean());
        Assert.Equal(["PASSWORD_SRP", "PASSWORD", "EMAIL_OTP"], seen.GetProperty("availableChallenges").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["PASSWORD", "EMAIL_OTP"], seen.GetProperty("configuredUserAuthFactors").EnumerateArray().Select(f => f.GetString()));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Runs a script of tools/aws-sdk-js with the local credentials only (no profile, no ambient AWS_*), and parses its one JSON line.</summary>
    private async Task<JsonElement> RunAsync(string script, params string[] arguments)
    {
        var output = await Tool.RunAsync(script, arguments: arguments, environment: variables =>
        {
            foreach (var name in variables.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
            {
                variables.Remove(name);
            }

            variables["AWS_ACCESS_KEY_ID"] = CognitoEmulatorOptions.DefaultAccessKeyId;
            variables["AWS_SECRET_ACCESS_KEY"] = CognitoEmulatorOptions.DefaultSecretAccessKey;
            variables["AWS_CONFIG_FILE"] = Path.Combine(_directory, "none");
            variables["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_directory, "none");
        });
        return JsonDocument.Parse(output).RootElement;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Reference;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Peers;

/// <summary>
/// amazon-cognito-identity-js (AWS's own client, pinned with otpauth in tools/amazon-cognito-identity-js), written by
/// others, against the emulator over HTTP, unchanged: its default SRP sign-in of the seed user, the new password, TOTP
/// enrolment, and the TOTP challenge of the next sign-in (tools/amazon-cognito-identity-js/sign-in.js).
/// </summary>
public sealed class AmazonCognitoIdentityJsTests
{
    private static readonly NodeTool Tool = new("amazon-cognito-identity-js", "amazon-cognito-identity-js", "otpauth");

    [Fact]
    public async Task AuthenticateUser_SrpNewPasswordTotpEnrolmentThenTheTotpChallenge_AgainstTheEmulator()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        var seed = ReferenceStack.TestUser;

        var seen = await RunAsync(new JsonObject
        {
            ["endpoint"] = emulator.CognitoEndpoint.ToString(),
            ["userPoolId"] = emulator.UserPoolId,
            ["clientId"] = emulator.ClientId,
            ["username"] = seed.Username,
            ["password"] = seed.TemporaryPassword,
            ["newPassword"] = seed.NewPassword,
            ["secondSignInCodeOffsetSeconds"] = 30,
        });

        Assert.Equal("newPasswordRequired", seen.GetProperty("firstStep").GetString());
        Assert.Equal(seed.Username, seen.GetProperty("userAttributes").GetProperty("email").GetString());
        var username = seen.GetProperty("afterNewPassword").GetProperty("username").GetString();
        Assert.True(Guid.TryParse(username, out _), $"the access token's username is the real (UUID) one, not {username}");
        Assert.True(seen.GetProperty("afterNewPassword").GetProperty("valid").GetBoolean());
        Assert.Equal(52, seen.GetProperty("secretLength").GetInt32());
        Assert.Equal("SUCCESS", seen.GetProperty("verifyStatus").GetString());
        Assert.Equal("SUCCESS", seen.GetProperty("preference").GetString());
        Assert.Equal("totpRequired", seen.GetProperty("secondStep").GetString());
        Assert.Equal("peer-phone", seen.GetProperty("challengeParameters").GetProperty("FRIENDLY_DEVICE_NAME").GetString());
        var afterTotp = seen.GetProperty("afterTotp");
        Assert.Equal(username, afterTotp.GetProperty("username").GetString());
        Assert.Equal("access", afterTotp.GetProperty("tokenUse").GetString());
        Assert.True(afterTotp.GetProperty("valid").GetBoolean());
        Assert.True(afterTotp.GetProperty("hasRefreshToken").GetBoolean());

        // What the library sent, by the emulator's own counters: two SRP sign-ins, their answers, one enrolment.
        Assert.Equal(2, emulator.CognitoRequests["InitiateAuth"]);
        Assert.Equal(4, emulator.CognitoRequests["RespondToAuthChallenge"]);
        Assert.Equal(1, emulator.CognitoRequests["AssociateSoftwareToken"]);
        Assert.Equal(1, emulator.CognitoRequests["VerifySoftwareToken"]);
        Assert.Equal(1, emulator.CognitoRequests["SetUserMFAPreference"]);
    }

    private static async Task<JsonElement> RunAsync(JsonObject request) =>
        JsonDocument.Parse(await Tool.RunAsync("sign-in.js", request.ToJsonString())).RootElement;
}

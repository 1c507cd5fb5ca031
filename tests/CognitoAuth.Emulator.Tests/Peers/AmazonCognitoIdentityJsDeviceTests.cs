using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Emulator.Tests.Templates;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Peers;

/// <summary>
/// amazon-cognito-identity-js (AWS's own client, pinned with otpauth in tools/amazon-cognito-identity-js), written by others,
/// remembering a device against <c>bin/local</c> — a template's pool with TOTP MFA required and remembered devices that
/// replace the code, the user created with the admin API as on AWS — and signing in again without MFA through its device
/// SRP; then refreshing with the device, and falling back to the code once the device is forgotten
/// (tools/amazon-cognito-identity-js/remember-device.js).
/// </summary>
public sealed class AmazonCognitoIdentityJsDeviceTests : IDisposable
{
    private const string Username = "peer-device-user";
    private const string Password = "Peer-Device-1!";

    private const string Template = """
        {
          "Resources": {
            "Pool": {
              "Type": "AWS::Cognito::UserPool",
              "Properties": {
                "UserPoolName": "device-peer",
                "Policies": { "PasswordPolicy": { "MinimumLength": 8 } },
                "MfaConfiguration": "ON",
                "EnabledMfas": [ "SOFTWARE_TOKEN_MFA" ],
                "DeviceConfiguration": { "ChallengeRequiredOnNewDevice": true, "DeviceOnlyRememberedOnUserPrompt": true }
              }
            },
            "Client": {
              "Type": "AWS::Cognito::UserPoolClient",
              "Properties": {
                "UserPoolId": { "Ref": "Pool" },
                "ClientName": "device-peer-client",
                "ExplicitAuthFlows": [ "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" ]
              }
            }
          },
          "Outputs": {
            "UserPoolId": { "Value": { "Ref": "Pool" } },
            "UserPoolClientId": { "Value": { "Ref": "Client" } }
          }
        }
        """;

    private static readonly NodeTool Tool = new("amazon-cognito-identity-js", "amazon-cognito-identity-js", "otpauth");

    private readonly TemplateFolder _folder = new();

    [Fact]
    public async Task RememberedDevice_SignsInAgainWithoutTheTotpCode_RefreshesWithIt_FallsBackOnceForgotten_AgainstBinLocal()
    {
        using var local = await BinLocalProcess.StartAsync(
            Path.Combine(_folder.Path, "outputs.json"), "--template", _folder.Write("devices.json", Template), "--stack-name", "CognitoAuthStack");
        var endpoint = new Uri(local.Output("CognitoEndpoint"));
        var poolId = local.Output("UserPoolId");
        using var http = new HttpClient();
        await AdminAsync(http, endpoint, "AdminCreateUser", new { UserPoolId = poolId, Username, MessageAction = "SUPPRESS" });
        await AdminAsync(http, endpoint, "AdminSetUserPassword", new { UserPoolId = poolId, Username, Password, Permanent = true });

        var seen = JsonDocument.Parse(await Tool.RunAsync("remember-device.js", new JsonObject
        {
            ["endpoint"] = endpoint.ToString(),
            ["userPoolId"] = poolId,
            ["clientId"] = local.Output("UserPoolClientId"),
            ["username"] = Username,
            ["password"] = Password,
        }.ToJsonString())).RootElement;
        var devices = await AdminAsync(http, endpoint, "AdminListDevices", new { UserPoolId = poolId, Username });

        Assert.Equal("mfaSetup", seen.GetProperty("firstStep").GetString());
        Assert.Equal("totpRequired", seen.GetProperty("secondStep").GetString());
        Assert.True(seen.GetProperty("userConfirmationNecessary").GetBoolean(), "DeviceOnlyRememberedOnUserPrompt: the user is asked");
        var deviceKey = seen.GetProperty("deviceKey").GetString();
        Assert.StartsWith(poolId[..poolId.IndexOf('_')] + "_", deviceKey, StringComparison.Ordinal);
        Assert.Equal("SUCCESS", seen.GetProperty("remembered").GetString());
        Assert.Equal("remembered", seen.GetProperty("deviceAttributes").GetProperty("dev:device_remembered_status").GetString());
        Assert.Equal([deviceKey], seen.GetProperty("listedDeviceKeys").EnumerateArray().Select(k => k.GetString()));

        // Signed in with no code: the password, then the device's SRP, and no SOFTWARE_TOKEN_MFA.
        Assert.Equal("signedIn", seen.GetProperty("thirdStep").GetString());
        Assert.True(seen.GetProperty("thirdValid").GetBoolean());
        Assert.Equal<string>(["USER_SRP_AUTH", "PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"], Names(seen, "thirdSent"));
        Assert.True(seen.GetProperty("refreshValid").GetBoolean());
        Assert.True(seen.GetProperty("refreshSent")[0].GetProperty("deviceKey").GetBoolean(), "the library sends DEVICE_KEY with REFRESH_TOKEN_AUTH");

        // Forgotten behind its back: "Device does not exist." to the answer with the key, the same answer again without it, the code.
        Assert.Equal("totpRequired", seen.GetProperty("afterForgetStep").GetString());
        Assert.Equal<string>(["USER_SRP_AUTH", "PASSWORD_VERIFIER", "PASSWORD_VERIFIER"], Names(seen, "afterForgetSent"));
        Assert.Empty(devices.GetProperty("Devices").EnumerateArray());
    }

    public void Dispose() => _folder.Dispose();

    private static List<string> Names(JsonElement seen, string name) =>
        [.. seen.GetProperty(name).EnumerateArray().Select(s => s.GetProperty("name").GetString() ?? "-")];

    /// <summary>An admin operation against bin/local, SigV4-signed with the local credentials it prints.</summary>
    private static async Task<JsonElement> AdminAsync(HttpClient http, Uri endpoint, string operation, object input)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(input));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", CognitoTestClient.Target + operation);
        SdkSigner.Sign(request, body, new SigningParameters(CognitoEmulatorOptions.DefaultAccessKeyId, CognitoEmulatorOptions.DefaultSecretAccessKey, "ap-northeast-1", "cognito-idp", DateTime.UtcNow));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

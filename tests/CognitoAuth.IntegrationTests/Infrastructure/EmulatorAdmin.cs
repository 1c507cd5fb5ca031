using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator;
using CognitoAuth.Testing.Emulated;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>
/// Cognito's JSON operations against an emulator, signed with its local credentials by AWSSDK.Core's SigV4 signer (<see cref="SdkSigner"/>), as a
/// team's setup script calls them: for the tests that change the reference pool or client before the app signs in.
/// </summary>
internal static class EmulatorAdmin
{
    private static readonly HttpClient Http = new();

    /// <summary>Calls an operation and returns its JSON answer; a non-200 answer fails with its body.</summary>
    public static async Task<JsonObject> CallAsync(CognitoEmulator emulator, string operation, JsonObject input)
    {
        var body = Encoding.UTF8.GetBytes(input.ToJsonString());
        using var message = new HttpRequestMessage(HttpMethod.Post, emulator.CognitoEndpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        SdkSigner.Sign(message, body, SigningParameters.For(emulator));
        using var response = await Http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>
    /// UpdateUserPool as the AWS CLI documents it: DescribeUserPool's settings sent back (UpdateUserPool resets what it is
    /// not given), with <paramref name="change"/> applied.
    /// </summary>
    public static async Task UpdateUserPoolAsync(CognitoEmulator emulator, Action<JsonObject> change)
    {
        var described = (await CallAsync(emulator, "DescribeUserPool", new JsonObject { ["UserPoolId"] = emulator.UserPoolId }))["UserPool"]!.AsObject();
        string[] settings =
        [
            "Policies", "DeletionProtection", "LambdaConfig", "AutoVerifiedAttributes", "SmsVerificationMessage", "EmailVerificationMessage",
            "EmailVerificationSubject", "VerificationMessageTemplate", "SmsAuthenticationMessage", "UserAttributeUpdateSettings", "MfaConfiguration",
            "DeviceConfiguration", "EmailConfiguration", "SmsConfiguration", "UserPoolTags", "AdminCreateUserConfig", "UserPoolAddOns",
            "AccountRecoverySetting", "UserPoolTier",
        ];
        var update = new JsonObject { ["UserPoolId"] = emulator.UserPoolId };
        foreach (var name in settings.Where(described.ContainsKey))
        {
            update[name] = described[name]!.DeepClone();
        }

        change(update);
        await CallAsync(emulator, "UpdateUserPool", update);
    }

    /// <summary>UpdateUserPoolClient for the emulator's app client: DescribeUserPoolClient's settings sent back, with <paramref name="change"/> applied.</summary>
    public static async Task UpdateUserPoolClientAsync(CognitoEmulator emulator, Action<JsonObject> change)
    {
        var described = (await CallAsync(emulator, "DescribeUserPoolClient", new JsonObject { ["UserPoolId"] = emulator.UserPoolId, ["ClientId"] = emulator.ClientId }))
            ["UserPoolClient"]!.AsObject();
        var update = new JsonObject();
        foreach (var (name, value) in described)
        {
            if (name is not ("ClientSecret" or "CreationDate" or "LastModifiedDate"))
            {
                update[name] = value?.DeepClone();
            }
        }

        change(update);
        await CallAsync(emulator, "UpdateUserPoolClient", update);
    }
}

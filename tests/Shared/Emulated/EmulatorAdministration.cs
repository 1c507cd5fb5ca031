using System.Net.Http.Json;
using System.Text.Json;
using CognitoAuth.Client;
using CognitoAuth.Emulator;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Testing.Emulated;

/// <summary>
/// Cognito's admin operations against an in-process emulator, for settings the emulator's options do not carry (a pool that
/// requires MFA, device tracking). Sent through a client application's own Cognito back-channel, whose SigV4 handler signs a
/// request that carries the signing region (the library's option key, by name) with the emulator's local credentials.
/// </summary>
internal static class EmulatorAdministration
{
    private static readonly HttpRequestOptionsKey<string> SigningRegion = new("CognitoAuth.SigV4.Region");

    // Cognito's member names as written (PascalCase): not JsonContent's web defaults, which camel-case them.
    private static readonly JsonSerializerOptions Json = new();

    /// <summary>
    /// Tracks devices in the emulator's pool — a new device must prove itself (<c>ChallengeRequiredOnNewDevice</c>), and is
    /// remembered only when asked (<c>DeviceOnlyRememberedOnUserPrompt</c>) — and requires TOTP MFA of every user.
    /// </summary>
    public static async Task RequireMfaAndTrackDevicesAsync(this CognitoEmulator emulator, IServiceProvider clientServices)
    {
        await emulator.AdminAsync(clientServices, "UpdateUserPool", new
        {
            UserPoolId = emulator.UserPoolId,
            DeviceConfiguration = new { ChallengeRequiredOnNewDevice = true, DeviceOnlyRememberedOnUserPrompt = true },
        });
        await emulator.AdminAsync(clientServices, "SetUserPoolMfaConfig", new
        {
            UserPoolId = emulator.UserPoolId,
            SoftwareTokenMfaConfiguration = new { Enabled = true },
            MfaConfiguration = "ON",
        });
    }

    /// <summary>One signed admin operation; fails the test unless the emulator answers 200.</summary>
    public static async Task<JsonElement> AdminAsync(this CognitoEmulator emulator, IServiceProvider clientServices, string operation, object request)
    {
        var http = clientServices.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.BackChannelName);
        using var message = new HttpRequestMessage(HttpMethod.Post, emulator.CognitoEndpoint)
        {
            Content = JsonContent.Create(request, mediaType: new("application/x-amz-json-1.1"), options: Json),
        };
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        message.Options.Set(SigningRegion, emulator.Region);
        using var response = await http.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body.Length == 0 ? "{}" : body).RootElement.Clone();
    }
}

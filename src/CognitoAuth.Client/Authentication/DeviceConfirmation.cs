using CognitoAuth.Client.Authentication.Srp;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// Remembers the device Cognito offers after a sign-in (<c>NewDeviceMetadata</c>), as AWS's clients do: a random device
/// password and its SRP verifier (<see cref="DeviceVerifier"/>) confirm it (<c>ConfirmDevice</c>), and when the pool leaves
/// remembering to the user (<c>UserConfirmationNecessary</c>) <c>UpdateDeviceStatus</c> marks it remembered. A failure costs
/// the device, not the sign-in: the tokens are good, and the next sign-in is offered a new device.
/// </summary>
internal sealed class DeviceConfirmation(ICognitoIdentityProvider cognito, ILogger<DeviceConfirmation> logger)
{
    /// <summary>The confirmed and remembered device, or <see langword="null"/> when Cognito refused a step.</summary>
    public async Task<CognitoDevice?> ConfirmAsync(CognitoClientContext client, CognitoTokenSet tokens, NewDevice offered, CancellationToken cancellationToken)
    {
        var verifier = DeviceVerifier.Create(offered.DeviceKey, offered.DeviceGroupKey);
        try
        {
            var confirmed = await cognito.ConfirmDeviceAsync(
                client.Endpoint,
                new ConfirmDeviceRequest
                {
                    AccessToken = tokens.AccessToken,
                    DeviceKey = offered.DeviceKey,
                    DeviceSecretVerifierConfig = new DeviceSecretVerifierConfigType { PasswordVerifier = verifier.PasswordVerifier, Salt = verifier.Salt },
                    DeviceName = $"CognitoAuth.Client {client.Name}",
                },
                cancellationToken).ConfigureAwait(false);
            if (confirmed.UserConfirmationNecessary)
            {
                await cognito.UpdateDeviceStatusAsync(
                    client.Endpoint,
                    new UpdateDeviceStatusRequest { AccessToken = tokens.AccessToken, DeviceKey = offered.DeviceKey, DeviceRememberedStatus = UpdateDeviceStatusRequest.Remembered },
                    cancellationToken).ConfigureAwait(false);
            }

            Log.DeviceRemembered(logger, client.Name);
            return verifier.Device;
        }
        catch (CognitoException refused) when (!cancellationToken.IsCancellationRequested)
        {
            Log.DeviceNotRemembered(logger, client.Name, refused.ErrorCode);
            return null;
        }
    }
}

namespace CognitoAuth.Client.Cognito.Model;

/// <summary>botocore shape <c>ConfirmDeviceRequest</c> (unsigned: the user's access token authorizes it).</summary>
internal sealed class ConfirmDeviceRequest
{
    public required string AccessToken { get; init; }
    public required string DeviceKey { get; init; }
    public DeviceSecretVerifierConfigType? DeviceSecretVerifierConfig { get; init; }
    public string? DeviceName { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"ConfirmDeviceRequest {{ AccessToken = ***, DeviceKey = {DeviceKey}, DeviceName = {DeviceName} }}";
}

/// <summary>botocore shape <c>DeviceSecretVerifierConfigType</c>: the SRP verifier and salt of the device password, Base64.</summary>
internal sealed class DeviceSecretVerifierConfigType
{
    public string? PasswordVerifier { get; init; }
    public string? Salt { get; init; }
}

/// <summary>botocore shape <c>ConfirmDeviceResponse</c>: whether the user must still choose to remember the device.</summary>
internal sealed class ConfirmDeviceResponse
{
    public bool UserConfirmationNecessary { get; init; }
}

/// <summary>botocore shape <c>UpdateDeviceStatusRequest</c> (unsigned).</summary>
internal sealed class UpdateDeviceStatusRequest
{
    /// <summary>botocore enum <c>DeviceRememberedStatusType</c>: remembered.</summary>
    public const string Remembered = "remembered";

    public required string AccessToken { get; init; }
    public required string DeviceKey { get; init; }
    public string? DeviceRememberedStatus { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"UpdateDeviceStatusRequest {{ AccessToken = ***, DeviceKey = {DeviceKey}, DeviceRememberedStatus = {DeviceRememberedStatus} }}";
}

/// <summary>botocore shape <c>UpdateDeviceStatusResponse</c>: no members.</summary>
internal sealed class UpdateDeviceStatusResponse;

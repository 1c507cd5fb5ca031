namespace CognitoAuth.Emulator.Cognito.Model;

// Shapes of the device operations, member for member as in botocore's cognito-idp model.

internal sealed class NewDeviceMetadataType
{
    public string? DeviceKey { get; set; }

    public string? DeviceGroupKey { get; set; }
}

internal sealed class DeviceSecretVerifierConfigType
{
    public string? PasswordVerifier { get; set; }

    public string? Salt { get; set; }
}

internal sealed class DeviceType
{
    public string? DeviceKey { get; set; }

    public List<AttributeType>? DeviceAttributes { get; set; }

    public DateTimeOffset? DeviceCreateDate { get; set; }

    public DateTimeOffset? DeviceLastModifiedDate { get; set; }

    public DateTimeOffset? DeviceLastAuthenticatedDate { get; set; }
}

internal sealed class ConfirmDeviceRequest
{
    public string? AccessToken { get; set; }

    public string? DeviceKey { get; set; }

    public DeviceSecretVerifierConfigType? DeviceSecretVerifierConfig { get; set; }

    public string? DeviceName { get; set; }
}

internal sealed class ConfirmDeviceResponse
{
    public bool? UserConfirmationNecessary { get; set; }
}

internal sealed class GetDeviceRequest
{
    public string? DeviceKey { get; set; }

    public string? AccessToken { get; set; }
}

internal sealed class GetDeviceResponse
{
    public DeviceType? Device { get; set; }
}

internal sealed class ListDevicesRequest
{
    public string? AccessToken { get; set; }

    public int? Limit { get; set; }

    public string? PaginationToken { get; set; }
}

internal sealed class ListDevicesResponse
{
    public List<DeviceType>? Devices { get; set; }

    public string? PaginationToken { get; set; }
}

internal sealed class ForgetDeviceRequest
{
    public string? AccessToken { get; set; }

    public string? DeviceKey { get; set; }
}

internal sealed class UpdateDeviceStatusRequest
{
    public string? AccessToken { get; set; }

    public string? DeviceKey { get; set; }

    public string? DeviceRememberedStatus { get; set; }
}

internal sealed class AdminDeviceRequest
{
    public string? DeviceKey { get; set; }

    public string? UserPoolId { get; set; }

    public string? Username { get; set; }
}

internal sealed class AdminListDevicesRequest
{
    public string? UserPoolId { get; set; }

    public string? Username { get; set; }

    public int? Limit { get; set; }

    public string? PaginationToken { get; set; }
}

internal sealed class AdminUpdateDeviceStatusRequest
{
    public string? UserPoolId { get; set; }

    public string? Username { get; set; }

    public string? DeviceKey { get; set; }

    public string? DeviceRememberedStatus { get; set; }
}

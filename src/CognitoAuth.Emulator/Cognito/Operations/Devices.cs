using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Srp;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// A user's remembered devices: ConfirmDevice (the device a sign-in handed out becomes the user's, with its SRP verifier),
/// GetDevice, ListDevices, ForgetDevice and UpdateDeviceStatus by access token, and their Admin* counterparts (SigV4) by pool
/// and username. As AWS answers them: the user's own GetDevice and ListDevices show remembered devices only, the admin ones
/// every confirmed device; a key never confirmed, forgotten, or another user's is "Device does not exist.".
/// </summary>
internal sealed class Devices(PoolDirectory directory)
{
    private const int MaximumPage = 60;
    private static readonly string[] RememberedStatuses = ["remembered", "not_remembered"];

    public ConfirmDeviceResponse ConfirmDevice(ConfirmDeviceRequest request)
    {
        new RequestValidator()
            .Required("accessToken", request.AccessToken)
            .Required("deviceKey", request.DeviceKey)
            .MaxLength("deviceKey", request.DeviceKey, 55)
            .MinLength("deviceName", request.DeviceName, 1)
            .MaxLength("deviceName", request.DeviceName, 1024)
            .ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, user) = AccessTokens.Resolve(directory, request.AccessToken!);
            var device = pool.Devices.Find(request.DeviceKey, user) ?? throw CognitoErrors.From(DeviceErrors.DeviceDoesNotExist);
            if (device.Confirmed)
            {
                throw CognitoErrors.From(DeviceErrors.DeviceKeyExists);
            }

            var config = request.DeviceSecretVerifierConfig;
            var verifier = PasswordVerifier.FromDeviceParts(device.GroupKey, device.Key, FromBase64(config?.Salt), FromBase64(config?.PasswordVerifier))
                ?? throw CognitoErrors.From(DeviceErrors.InvalidVerifierConfig);

            // The user opts in (UpdateDeviceStatus) where the pool says so; otherwise every confirmed device is remembered.
            var userPrompt = pool.DeviceRemembering?.DeviceOnlyRememberedOnUserPrompt ?? false;
            device.Verifier = verifier;
            device.Name = request.DeviceName ?? device.Name;
            device.Remembered = !userPrompt;
            device.LastModifiedAt = pool.Now;
            directory.Touch();
            return new ConfirmDeviceResponse { UserConfirmationNecessary = userPrompt };
        }
    }

    public GetDeviceResponse GetDevice(GetDeviceRequest request)
    {
        new RequestValidator().Required("deviceKey", request.DeviceKey).Required("accessToken", request.AccessToken).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (_, device) = OwnDevice(request.AccessToken!, request.DeviceKey!);
            return device.Remembered ? new GetDeviceResponse { Device = ToDeviceType(device) } : throw CognitoErrors.From(DeviceErrors.DeviceDoesNotExist);
        }
    }

    public ListDevicesResponse ListDevices(ListDevicesRequest request)
    {
        new RequestValidator().Required("accessToken", request.AccessToken).Range("limit", request.Limit, 0, MaximumPage).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, user) = AccessTokens.Resolve(directory, request.AccessToken!);
            return List(pool.Devices.Of(user).Where(d => d.Remembered).ToList(), request.PaginationToken, request.Limit);
        }
    }

    public EmptyResponse ForgetDevice(ForgetDeviceRequest request)
    {
        new RequestValidator().Required("deviceKey", request.DeviceKey).Required("accessToken", request.AccessToken).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, device) = OwnDevice(request.AccessToken!, request.DeviceKey!);
            Forget(pool, device);
            return EmptyResponse.Instance;
        }
    }

    public EmptyResponse UpdateDeviceStatus(UpdateDeviceStatusRequest request)
    {
        new RequestValidator()
            .Required("accessToken", request.AccessToken)
            .Required("deviceKey", request.DeviceKey)
            .OneOf("deviceRememberedStatus", request.DeviceRememberedStatus, RememberedStatuses)
            .ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, device) = OwnDevice(request.AccessToken!, request.DeviceKey!);
            SetStatus(pool, device, request.DeviceRememberedStatus);
            return EmptyResponse.Instance;
        }
    }

    public GetDeviceResponse AdminGetDevice(AdminDeviceRequest request)
    {
        ValidateAdmin(request.UserPoolId, request.Username).Required("deviceKey", request.DeviceKey).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (_, device) = AdminDevice(request.UserPoolId!, request.Username!, request.DeviceKey!, unknownUserIsResource: true);
            return new GetDeviceResponse { Device = ToDeviceType(device) };
        }
    }

    public ListDevicesResponse AdminListDevices(AdminListDevicesRequest request)
    {
        ValidateAdmin(request.UserPoolId, request.Username).Range("limit", request.Limit, 0, MaximumPage).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            return List(pool.Devices.Of(Owner(pool, request.Username!, unknownUserIsResource: true)), request.PaginationToken, request.Limit);
        }
    }

    public EmptyResponse AdminForgetDevice(AdminDeviceRequest request)
    {
        ValidateAdmin(request.UserPoolId, request.Username).Required("deviceKey", request.DeviceKey).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, device) = AdminDevice(request.UserPoolId!, request.Username!, request.DeviceKey!);
            Forget(pool, device);
            return EmptyResponse.Instance;
        }
    }

    public EmptyResponse AdminUpdateDeviceStatus(AdminUpdateDeviceStatusRequest request)
    {
        ValidateAdmin(request.UserPoolId, request.Username)
            .Required("deviceKey", request.DeviceKey)
            .OneOf("deviceRememberedStatus", request.DeviceRememberedStatus, RememberedStatuses)
            .ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, device) = AdminDevice(request.UserPoolId!, request.Username!, request.DeviceKey!);
            SetStatus(pool, device, request.DeviceRememberedStatus);
            return EmptyResponse.Instance;
        }
    }

    /// <summary>The device as the API shows it: Cognito's attributes (status, name, remembered status) and its dates.</summary>
    internal static DeviceType ToDeviceType(DeviceRecord device)
    {
        List<AttributeType> attributes = [AttributeType.Of("device_status", "valid")];
        if (device.Name is { } name)
        {
            attributes.Add(AttributeType.Of("device_name", name));
        }

        attributes.Add(AttributeType.Of("dev:device_remembered_status", device.RememberedStatus));
        return new DeviceType
        {
            DeviceKey = device.Key,
            DeviceAttributes = attributes,
            DeviceCreateDate = device.CreatedAt,
            DeviceLastModifiedDate = device.LastModifiedAt,
            DeviceLastAuthenticatedDate = device.LastAuthenticatedAt,
        };
    }

    private static RequestValidator ValidateAdmin(string? userPoolId, string? username) =>
        new RequestValidator().Required("userPoolId", userPoolId).Required("username", username);

    private static ListDevicesResponse List(IReadOnlyList<DeviceRecord> devices, string? token, int? limit)
    {
        var (page, next) = Paging.Page(devices, token, limit is 0 ? null : limit, MaximumPage);
        return new ListDevicesResponse { Devices = [.. page.Select(ToDeviceType)], PaginationToken = next };
    }

    private static void SetStatus(UserPool pool, DeviceRecord device, string? status)
    {
        if (status is null)
        {
            return;
        }

        device.Remembered = status == "remembered";
        device.LastModifiedAt = pool.Now;
        pool.Directory.Touch();
    }

    private static void Forget(UserPool pool, DeviceRecord device)
    {
        pool.Devices.Forget(device);
        pool.Directory.Touch();
    }

    private static byte[]? FromBase64(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var bytes = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary>A confirmed device of the access token's user; call under the gate.</summary>
    private (UserPool Pool, DeviceRecord Device) OwnDevice(string accessToken, string deviceKey)
    {
        var (pool, user) = AccessTokens.Resolve(directory, accessToken);
        return (pool, pool.Devices.FindConfirmed(deviceKey, user) ?? throw CognitoErrors.From(DeviceErrors.DeviceDoesNotExist));
    }

    /// <summary>A confirmed device of a user named by an administrator; call under the gate.</summary>
    private (UserPool Pool, DeviceRecord Device) AdminDevice(string userPoolId, string username, string deviceKey, bool unknownUserIsResource = false)
    {
        var pool = directory.Pool(userPoolId);
        return (pool, pool.Devices.FindConfirmed(deviceKey, Owner(pool, username, unknownUserIsResource)) ?? throw CognitoErrors.From(DeviceErrors.DeviceDoesNotExist));
    }

    /// <summary>
    /// The user an admin operation names. botocore models no <c>UserNotFoundException</c> for AdminGetDevice and
    /// AdminListDevices (it does for AdminForgetDevice and AdminUpdateDeviceStatus): those answer an unknown user with
    /// <c>ResourceNotFoundException</c>.
    /// </summary>
    private static PoolUser Owner(UserPool pool, string username, bool unknownUserIsResource) =>
        pool.FindUser(username) ?? throw (unknownUserIsResource ? CognitoErrors.From(DeviceErrors.UserNotFoundAsResource) : CognitoErrors.UserDoesNotExist());
}

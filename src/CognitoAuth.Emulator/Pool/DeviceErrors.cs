namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// The refusals of the device operations and device sign-ins, as Cognito words them. "Device does not exist." is the text
/// amazon-cognito-identity-js looks for (a <c>ResourceNotFoundException</c> whose message names a device) before it forgets
/// its device and answers the same challenge again without it.
/// </summary>
internal static class DeviceErrors
{
    public const string ResourceNotFoundCode = "ResourceNotFoundException";

    public static CognitoError DeviceDoesNotExist { get; } = new(ResourceNotFoundCode, "Device does not exist.");

    /// <summary>ConfirmDevice of a device already confirmed (botocore models <c>DeviceKeyExistsException</c> for it).</summary>
    public static CognitoError DeviceKeyExists { get; } = new("DeviceKeyExistsException", "Device key already exists.");

    public static CognitoError UserNotFoundAsResource { get; } = new(ResourceNotFoundCode, "User does not exist.");

    public static CognitoError IncorrectDeviceProof { get; } = SignInErrors.IncorrectUsernameOrPassword;

    public static CognitoError InvalidVerifierConfig { get; } =
        SignInErrors.InvalidParameter("DeviceSecretVerifierConfig must hold a Base64 PasswordVerifier and Salt of an SRP verifier.");

    public static CognitoError DeviceKeyMismatch { get; } = SignInErrors.NotAuthorized("Invalid device key given.");
}

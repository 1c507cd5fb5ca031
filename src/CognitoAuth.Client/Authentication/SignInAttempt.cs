using CognitoAuth.Client.Authentication.Srp;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// One sign-in in progress: the client's options snapshot, the password it tries, and what its flow and challenge responders
/// learn on the way. Lives for one sign-in, on one logical thread; never shared.
/// </summary>
internal sealed class SignInAttempt(CognitoClientContext client, string? password, SignInMemory memory, Action<SignInMemory> remember)
{
    private SignInMemory _memory = memory;

    public CognitoClientContext Client { get; } = client;

    /// <summary>The password this attempt signs in with (<see langword="null"/> for flows without one); a new-password answer replaces it.</summary>
    public string? Password { get; set; } = password;

    /// <summary>The user as Cognito names it: the configured name until a challenge gives Cognito's own (<c>USER_ID_FOR_SRP</c>).</summary>
    public string Username { get; set; } = client.Username;

    /// <summary>What is known of the user; setting it keeps the new value for later sign-ins at once, whether or not this one succeeds.</summary>
    public SignInMemory Memory
    {
        get => _memory;
        set
        {
            _memory = value;
            remember(value);
        }
    }

    /// <summary>
    /// The SRP ephemeral key of a sign-in that proves the password with SRP (it sent <c>SRP_A</c>): what the
    /// <c>PASSWORD_VERIFIER</c> answer is computed from. Set by the flow that starts it; <see langword="null"/> otherwise.
    /// </summary>
    public SrpSignIn? Srp { get; set; }

    /// <summary>
    /// The remembered device this sign-in offers (<c>DEVICE_KEY</c>) and proves when Cognito asks (<c>DEVICE_SRP_AUTH</c>);
    /// <see langword="null"/> without <see cref="CognitoApiClientOptions.RememberDevice"/> or a device kept with the tokens.
    /// </summary>
    public CognitoDevice? Device { get; init; }

    /// <summary>The SRP ephemeral key of the device's proof: set by the <c>DEVICE_SRP_AUTH</c> answer, used by <c>DEVICE_PASSWORD_VERIFIER</c>'s.</summary>
    public SrpSignIn? DeviceSrp { get; set; }

    /// <summary>
    /// The <c>AuthParameters</c> every flow starts a sign-in with: <c>USERNAME</c>, the sign-in's <c>SECRET_HASH</c> when the app
    /// client has a secret, and <c>DEVICE_KEY</c> when the attempt offers a remembered device. The flow adds its own.
    /// </summary>
    public Dictionary<string, string> StartParameters()
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { [AuthParameterNames.Username] = Client.Username };
        if (Client.SignInSecretHash is { } secretHash)
        {
            parameters[AuthParameterNames.SecretHash] = secretHash;
        }

        if (Device is { } device)
        {
            parameters[AuthParameterNames.DeviceKey] = device.DeviceKey;
        }

        return parameters;
    }
}

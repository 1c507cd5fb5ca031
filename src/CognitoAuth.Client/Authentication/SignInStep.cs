namespace CognitoAuth.Client.Authentication;

/// <summary>
/// Where a sign-in stands after one call to Cognito: tokens, or a challenge (its name, session and parameters) for the
/// responders to answer.
/// </summary>
internal sealed class SignInStep
{
    private SignInStep(CognitoTokenSet? tokens, string? challengeName, string? session, IReadOnlyDictionary<string, string>? parameters, IReadOnlyList<string>? available = null, NewDevice? newDevice = null)
    {
        NewDevice = newDevice;
        AvailableChallenges = available ?? [];
        Tokens = tokens;
        ChallengeName = challengeName;
        Session = session;
        Parameters = parameters ?? new Dictionary<string, string>();
    }

    public CognitoTokenSet? Tokens { get; }

    public string? ChallengeName { get; }

    /// <summary>The challenge's single-use session, sent back with the answer.</summary>
    public string? Session { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>With <c>SELECT_CHALLENGE</c>: the first factors Cognito offers (<c>PASSWORD</c>, <c>EMAIL_OTP</c>, …); else empty.</summary>
    public IReadOnlyList<string> AvailableChallenges { get; }

    /// <summary>With tokens from a pool that tracks devices: the device Cognito offers to remember (<c>NewDeviceMetadata</c>).</summary>
    public NewDevice? NewDevice { get; }

    public static SignInStep Signed(CognitoTokenSet tokens, NewDevice? newDevice = null) => new(tokens, null, null, null, newDevice: newDevice);

    public static SignInStep Challenge(string challengeName, string? session, IReadOnlyDictionary<string, string>? parameters, IReadOnlyList<string>? available = null) =>
        new(null, challengeName, session, parameters, available);

    /// <inheritdoc />
    public override string ToString() => Tokens is null ? $"SignInStep {{ Challenge = {ChallengeName} }}" : "SignInStep { Tokens = *** }";
}

/// <summary><c>NewDeviceMetadata</c>: the keys of a device Cognito has just created for this sign-in, not yet confirmed.</summary>
internal sealed record NewDevice(string DeviceKey, string DeviceGroupKey);

namespace CognitoAuth.Client.Authentication.Totp;

/// <summary>A one-time code and the time step it belongs to. The code stays out of <see cref="ToString"/>.</summary>
internal sealed class TotpCode(string value, long timeStep)
{
    /// <summary>The digits to send as <c>SOFTWARE_TOKEN_MFA_CODE</c>.</summary>
    public string Value { get; } = value;

    /// <summary>The RFC 6238 time-step number: a code for a step already answered is not sent again.</summary>
    public long TimeStep { get; } = timeStep;

    public override string ToString() => $"TotpCode {{ TimeStep = {TimeStep}, Value = *** }}";
}

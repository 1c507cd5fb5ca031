using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.SignIn;

/// <summary>
/// What one step of a sign-in comes to, as ASP.NET Core Identity's <c>SignInResult</c>: refused (a Cognito error, as a
/// value), a challenge to answer next, or authenticated. The JSON API turns it into an error body, a challenge response or
/// tokens; the managed login into its page, its next page, or an authorization code.
/// </summary>
internal abstract record SignInResult
{
    private SignInResult()
    {
    }

    /// <summary>The sign-in is refused with Cognito's error.</summary>
    /// <param name="Error">The error the API answers with and the managed login shows.</param>
    public sealed record Refused(CognitoError Error) : SignInResult;

    /// <summary>The user must answer a challenge next.</summary>
    /// <param name="Name">Cognito's challenge name (<see cref="ChallengeNames"/>).</param>
    /// <param name="Parameters">The challenge's public parameters (<c>ChallengeParameters</c>).</param>
    /// <param name="Session">The id of the challenge session that answers it (the API's <c>Session</c>, the managed login's cookie).</param>
    public sealed record Challenged(string Name, IReadOnlyDictionary<string, string> Parameters, string Session) : SignInResult
    {
        public override string ToString() => $"Challenged {{ Name = {Name} }}";
    }

    /// <summary>The user is signed in.</summary>
    /// <param name="User">Who signed in.</param>
    /// <param name="Client">Through which app client.</param>
    /// <param name="SignIn">The sign-in event every token of it shares (<c>auth_time</c>, <c>origin_jti</c>, <c>event_id</c>).</param>
    public sealed record Authenticated(PoolUser User, AppClient Client, SignInEvent SignIn) : SignInResult
    {
        /// <summary>The device key handed out with the tokens (<c>NewDeviceMetadata</c>), in a pool that remembers devices.</summary>
        public DeviceRecord? NewDevice { get; init; }
    }
}

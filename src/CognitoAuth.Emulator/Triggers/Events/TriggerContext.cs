namespace CognitoAuth.Emulator.Triggers.Events;

/// <summary>
/// Who and where an event is about: the envelope fields every trigger event shares (<c>region</c>, <c>userPoolId</c>,
/// <c>callerContext {awsSdkVersion, clientId}</c>). The client id is <see langword="null"/> for an admin operation without
/// one (<c>AdminCreateUser</c>), which Cognito sends as <see cref="NoClient"/>; the SDK version is the caller's as Cognito
/// reports it (from its user agent), or <see cref="UnknownSdk"/>.
/// </summary>
internal sealed record TriggerContext(string Region, string UserPoolId, string? ClientId, string? AwsSdkVersion = null)
{
    /// <summary>Cognito's <c>callerContext.clientId</c> when no app client is involved.</summary>
    public const string NoClient = "CLIENT_ID_NOT_APPLICABLE";

    /// <summary>Cognito's <c>callerContext.awsSdkVersion</c> when the caller's SDK is not known.</summary>
    public const string UnknownSdk = "aws-sdk-unknown-unknown";
}

namespace CognitoAuth.Emulator;

/// <summary>The local AWS credentials admin operations must be signed with (SigV4, service <c>cognito-idp</c>).</summary>
public sealed class EmulatorCredentials
{
    internal EmulatorCredentials(string accessKeyId, string secretAccessKey)
    {
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
    }

    /// <summary>Gets the access key id, e.g. for <c>AWS_ACCESS_KEY_ID</c>.</summary>
    public string AccessKeyId { get; }

    /// <summary>Gets the secret access key, e.g. for <c>AWS_SECRET_ACCESS_KEY</c>.</summary>
    public string SecretAccessKey { get; }

    /// <inheritdoc />
    public override string ToString() => $"EmulatorCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = *** }}";
}

using Amazon.Runtime;
using CognitoAuth.Client.Cognito.Signing;

namespace CognitoAuth.Client.Tests.Cognito.Signing;

/// <summary>Hands out fixed credentials and counts how often it was asked.</summary>
internal sealed class FixedCredentialsProvider(ImmutableCredentials credentials) : IAwsCredentialsProvider
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private int _calls;

    public FixedCredentialsProvider()
        : this(new ImmutableCredentials(AccessKey, SecretKey, null))
    {
    }

    public ImmutableCredentials Credentials { get; set; } = credentials;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(Credentials);
    }
}

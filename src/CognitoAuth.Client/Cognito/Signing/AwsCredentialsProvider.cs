using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace CognitoAuth.Client.Cognito.Signing;

/// <summary>
/// The application's own <see cref="AWSCredentials"/> when it registered one in DI, otherwise AWSSDK.Core's standard
/// chain (<c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>/<c>AWS_SESSION_TOKEN</c>, profiles, SSO, container and
/// instance roles). Resolved on first use only, so applications that never call an <c>Admin*</c> operation never need
/// AWS credentials; refreshing credentials (roles, SSO) refresh themselves inside <see cref="AWSCredentials"/>.
/// </summary>
internal sealed class AwsCredentialsProvider : IAwsCredentialsProvider, IDisposable
{
    private readonly Lazy<AWSCredentials?> _registered;
    private readonly Lazy<DefaultAWSCredentialsIdentityResolver> _chain = new(() => new DefaultAWSCredentialsIdentityResolver());

    /// <param name="registered">Looks up the application's <see cref="AWSCredentials"/>, if any; called at most once.</param>
    public AwsCredentialsProvider(Func<AWSCredentials?> registered) => _registered = new(registered);

    public async ValueTask<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var credentials = _registered.Value ?? await _chain.Value.ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
            return await credentials.GetCredentialsAsync().ConfigureAwait(false)
                ?? throw new InvalidOperationException("The AWS credentials resolved to nothing.");
        }
        catch (Exception ex) when (ex is not CognitoException && !cancellationToken.IsCancellationRequested)
        {
            // AWSSDK.Core's messages name the providers it tried and why each failed; they hold no key material.
            throw new CognitoException(
                CognitoErrorCodes.CredentialsUnavailable,
                "No AWS credentials to sign the Cognito admin call: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), " +
                "an AWS profile, a role, or register Amazon.Runtime.AWSCredentials in DI. Or use the UserPassword flow, which needs none.",
                statusCode: null,
                requestId: null,
                isRetryable: false,
                ex);
        }
    }

    public void Dispose()
    {
        if (_chain.IsValueCreated)
        {
            _chain.Value.Dispose();
        }
    }
}

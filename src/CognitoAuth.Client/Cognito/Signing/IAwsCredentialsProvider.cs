using Amazon.Runtime;

namespace CognitoAuth.Client.Cognito.Signing;

/// <summary>Where the AWS credentials that sign <c>Admin*</c> calls come from. A seam so tests can inject fixed credentials.</summary>
internal interface IAwsCredentialsProvider
{
    /// <summary>Returns the current credentials; a <see cref="CognitoException"/> with <see cref="CognitoErrorCodes.CredentialsUnavailable"/> when there are none.</summary>
    ValueTask<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}

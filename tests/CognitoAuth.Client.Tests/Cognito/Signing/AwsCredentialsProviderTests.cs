using Amazon.Runtime;
using CognitoAuth.Client.Cognito.Signing;

namespace CognitoAuth.Client.Tests.Cognito.Signing;

public sealed class AwsCredentialsProviderTests
{
    [Fact]
    public async Task GetCredentialsAsync_RegisteredSessionCredentials_ReturnsThemAndLooksUpOnce()
    {
        var lookups = 0;
        using var provider = new AwsCredentialsProvider(() =>
        {
            lookups++;
            return new SessionAWSCredentials("AKIDREGISTERED", "registered-secret", "registered-token");
        });

        var first = await provider.GetCredentialsAsync(CancellationToken.None);
        var second = await provider.GetCredentialsAsync(CancellationToken.None);

        Assert.Equal("AKIDREGISTERED", first.AccessKey);
        Assert.Equal("registered-secret", first.SecretKey);
        Assert.Equal("registered-token", first.Token);
        Assert.Equal(first, second);
        Assert.Equal(1, lookups);
    }

    [Fact]
    public async Task GetCredentialsAsync_CredentialsThatFail_IsCredentialsUnavailableWithoutSecrets()
    {
        using var provider = new AwsCredentialsProvider(() => new FailingCredentials());

        var ex = await Assert.ThrowsAsync<CognitoException>(() => provider.GetCredentialsAsync(CancellationToken.None).AsTask());

        Assert.Equal(CognitoErrorCodes.CredentialsUnavailable, ex.ErrorCode);
        Assert.False(ex.IsRetryable);
        Assert.Null(ex.StatusCode);
        Assert.IsType<AmazonClientException>(ex.InnerException);
        Assert.Contains("AWS_ACCESS_KEY_ID", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialsAsync_NothingRegistered_UsesTheStandardChainFromEnvironment()
    {
        // The chain reads the process environment; no other test reads these variables.
        var saved = new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN" }.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDFROMENVIRONMENT");
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "environment-secret");
            Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "environment-token");
            using var provider = new AwsCredentialsProvider(() => null);

            var credentials = await provider.GetCredentialsAsync(CancellationToken.None);

            Assert.Equal("AKIDFROMENVIRONMENT", credentials.AccessKey);
            Assert.Equal("environment-secret", credentials.SecretKey);
            Assert.Equal("environment-token", credentials.Token);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    private sealed class FailingCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException("Unable to reach the instance metadata service.");

        public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromException<ImmutableCredentials>(new AmazonClientException("Unable to reach the instance metadata service."));
    }
}

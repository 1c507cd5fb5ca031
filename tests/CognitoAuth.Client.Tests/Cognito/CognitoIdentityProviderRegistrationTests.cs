using System.Net;
using Amazon.Runtime;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Cognito.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Cognito;

public sealed class CognitoIdentityProviderRegistrationTests
{
    [Fact]
    public async Task AddCognitoIdentityProvider_CalledPerApiClient_BuildsOnePipeline()
    {
        // Nested pipelines would multiply the attempts (4 x 4); one pipeline makes exactly 4.
        using var host = new CognitoTestHost(services => services.AddCognitoIdentityProvider().AddCognitoIdentityProvider());
        host.Stub.Always(HttpStatusCode.ServiceUnavailable, "{}");

        await Assert.ThrowsAsync<CognitoException>(() => InitiateAuthAsync(host.Client));

        Assert.Equal(4, host.Stub.Calls);
        Assert.Single(host.Services.GetServices<ICognitoIdentityProvider>());
    }

    [Fact]
    public void AddCognitoIdentityProvider_NoTimeProvider_RegistersSystemClock()
    {
        using var services = new ServiceCollection().AddCognitoIdentityProvider().BuildServiceProvider();

        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
        Assert.IsType<CognitoIdentityProviderClient>(services.GetRequiredService<ICognitoIdentityProvider>());
        Assert.IsType<AwsCredentialsProvider>(services.GetRequiredService<IAwsCredentialsProvider>());
    }

    [Fact]
    public async Task AdminCall_ApplicationRegisteredAwsCredentials_SignsWithThem()
    {
        using var host = new CognitoTestHost(
            services => services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("AKIDFROMDI", "di-secret")),
            fixedCredentials: false);
        host.Stub.Always(HttpStatusCode.OK, "{}");

        await host.Client.AdminInitiateAuthAsync(CognitoTestHost.Endpoint, new AdminInitiateAuthRequest { UserPoolId = "p", ClientId = "c", AuthFlow = AuthFlowType.AdminUserPasswordAuth }, CancellationToken.None);

        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDFROMDI/20150830/ap-northeast-1/cognito-idp/aws4_request,", Assert.Single(host.Stub.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task UnsignedCall_NoAwsCredentialsAnywhere_NeverAsksForThem()
    {
        var credentials = new ThrowingCredentialsProvider();
        using var host = new CognitoTestHost(services => services.AddSingleton<IAwsCredentialsProvider>(credentials), fixedCredentials: false);
        host.Stub.Always(HttpStatusCode.OK, "{}");

        await InitiateAuthAsync(host.Client);
        await host.Client.RespondToAuthChallengeAsync(CognitoTestHost.Endpoint, new RespondToAuthChallengeRequest { ClientId = "c", ChallengeName = ChallengeNameType.NewPasswordRequired }, CancellationToken.None);
        await host.Client.RevokeTokenAsync(CognitoTestHost.Endpoint, new RevokeTokenRequest { ClientId = "c", Token = "t" }, CancellationToken.None);

        Assert.Equal(0, credentials.Calls);
        Assert.Equal(3, host.Stub.Calls);
    }

    [Fact]
    public async Task AdminCall_NoAwsCredentials_FailsBeforeSendingAndIsNotRetried()
    {
        var credentials = new ThrowingCredentialsProvider();
        using var host = new CognitoTestHost(services => services.AddSingleton<IAwsCredentialsProvider>(credentials), fixedCredentials: false);

        var ex = await Assert.ThrowsAsync<CognitoException>(() => host.Client.AdminInitiateAuthAsync(
            CognitoTestHost.Endpoint, new AdminInitiateAuthRequest { UserPoolId = "p", ClientId = "c", AuthFlow = AuthFlowType.AdminUserPasswordAuth }, CancellationToken.None));

        Assert.Equal(CognitoErrorCodes.CredentialsUnavailable, ex.ErrorCode);
        Assert.Equal(1, credentials.Calls);
        Assert.Equal(0, host.Stub.Calls);
        Assert.Contains(host.Logs, r => r.Id.Name == "CognitoCallFailed" && r.GetStructuredStateValue("ErrorCode") == CognitoErrorCodes.CredentialsUnavailable);
    }

    private static Task<AuthFlowResponse> InitiateAuthAsync(ICognitoIdentityProvider client) =>
        client.InitiateAuthAsync(CognitoTestHost.Endpoint, new InitiateAuthRequest { AuthFlow = AuthFlowType.UserPasswordAuth, ClientId = "c" }, CancellationToken.None);

    private sealed class ThrowingCredentialsProvider : IAwsCredentialsProvider
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new CognitoException(CognitoErrorCodes.CredentialsUnavailable, "No AWS credentials.", null, null, isRetryable: false);
        }
    }
}

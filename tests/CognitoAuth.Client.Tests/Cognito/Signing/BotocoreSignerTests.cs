using System.Net;
using Amazon.Runtime;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Client.Tests.Cognito.Signing;

/// <summary>
/// The signature the client puts on the wire, compared byte for byte with what botocore (the AWS CLI's own signer)
/// computes for the same request, credentials, region and instant.
/// </summary>
public sealed class BotocoreSignerTests
{
    [BotocoreTheory]
    [InlineData("https://cognito-idp.ap-northeast-1.amazonaws.com/", "ap-northeast-1", null)]
    [InlineData("https://cognito-idp.us-east-1.amazonaws.com/", "us-east-1", "IQoJb3JpZ2luX2VjEXAMPLEsessiontoken//+==")]
    [InlineData("http://127.0.0.1:9229/", "us-east-1", null)]
    [InlineData("http://localhost:4566/cognito/", "eu-west-1", "token")]
    public async Task AdminInitiateAuth_SignedRequest_MatchesBotocoreSignature(string serviceUrl, string region, string? sessionToken)
    {
        using var host = new CognitoTestHost();
        host.Credentials.Credentials = new ImmutableCredentials(FixedCredentialsProvider.AccessKey, FixedCredentialsProvider.SecretKey, sessionToken);
        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero));
        host.Stub.Always(HttpStatusCode.OK, """{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"s"}""");

        await host.Client.AdminInitiateAuthAsync(
            new CognitoEndpoint(new Uri(serviceUrl), region),
            new AdminInitiateAuthRequest
            {
                UserPoolId = $"{region}_AbCdEfGhI",
                ClientId = "1example23456789",
                AuthFlow = AuthFlowType.AdminNoSrpAuth,
                AuthParameters = new() { ["USERNAME"] = "testuser@example.com", ["PASSWORD"] = "TempPass123!" },
            },
            CancellationToken.None);

        var sent = Assert.Single(host.Stub.Requests);
        var botocore = Botocore.Sign(
            "POST",
            sent.Uri,
            sent.BodyText,
            new Dictionary<string, string> { ["Content-Type"] = sent.Header("Content-Type")!, ["X-Amz-Target"] = sent.Header("X-Amz-Target")! },
            FixedCredentialsProvider.AccessKey,
            FixedCredentialsProvider.SecretKey,
            sessionToken,
            region,
            "cognito-idp",
            host.Time.GetUtcNow());

        Assert.Equal(botocore["X-Amz-Date"], sent.Header("X-Amz-Date"));
        Assert.Equal(botocore.GetValueOrDefault("X-Amz-Security-Token"), sent.Header("X-Amz-Security-Token"));
        Assert.Equal(botocore["Authorization"], sent.Header("Authorization"));
    }
}

using System.Text;
using Amazon.Runtime;
using CognitoAuth.Client.Cognito.Signing;

namespace CognitoAuth.Client.Tests.Cognito.Signing;

/// <summary>
/// SigV4 against AWS's published test suite (see aws-sig-v4-test-suite/README.md for the source): the canonical
/// request built here, signed by AWSSDK.Core, must give the suite's Authorization header exactly.
/// </summary>
public sealed class SigV4SignerTests
{
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private static readonly ImmutableCredentials SuiteCredentials = new(FixedCredentialsProvider.AccessKey, FixedCredentialsProvider.SecretKey, null);

    [Theory]
    [InlineData("get-vanilla")]
    [InlineData("post-vanilla")]
    [InlineData("post-x-www-form-urlencoded")]
    [InlineData("post-x-www-form-urlencoded-parameters")]
    [InlineData("get-header-key-duplicate")]
    [InlineData("get-header-value-order")]
    [InlineData("get-header-value-trim")]
    [InlineData("post-header-key-sort")]
    [InlineData("post-header-value-case")]
    [InlineData("get-vanilla-with-session-token")]
    public void CreateAuthorization_SuiteVector_MatchesPublishedAuthorization(string vector)
    {
        var request = SuiteRequest.Load(vector);

        var canonical = SigV4Signer.CreateCanonicalRequest(request.Method, "/", request.Headers, SigV4Signer.HashPayload(request.Body), out var signedHeaders);
        var authorization = SigV4Signer.CreateAuthorization(SuiteCredentials, "us-east-1", "service", SuiteTime.UtcDateTime, signedHeaders, canonical);

        Assert.Equal(request.ExpectedAuthorization, authorization);
    }

    [Fact]
    public void CreateCanonicalRequest_RepeatedAndPaddedHeaders_FollowsSigV4Rules()
    {
        var headers = new KeyValuePair<string, string>[]
        {
            new("X-Amz-Date", "20150830T123600Z"),
            new("My-Header1", "  a   b  "),
            new("Host", "example.amazonaws.com"),
            new("my-header1", "c"),
        };

        var canonical = SigV4Signer.CreateCanonicalRequest("POST", "/", headers, "hash", out var signedHeaders);

        Assert.Equal("host;my-header1;x-amz-date", signedHeaders);
        Assert.Equal("POST\n/\n\nhost:example.amazonaws.com\nmy-header1:a b,c\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\nhash", canonical);
    }

    [Fact]
    public void Sign_PostVanillaMessage_SetsDateAndSuiteAuthorization()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/");

        SigV4Signer.Sign(request, [], SuiteCredentials, "us-east-1", "service", SuiteTime);

        Assert.Equal("20150830T123600Z", Single(request, "X-Amz-Date"));
        Assert.Equal(SuiteRequest.Load("post-vanilla").ExpectedAuthorization, Single(request, "Authorization"));
        Assert.False(request.Headers.Contains("X-Amz-Security-Token"));
    }

    [Fact]
    public void Sign_SessionCredentials_AddsSecurityTokenAndSignsIt()
    {
        var vector = SuiteRequest.Load("get-vanilla-with-session-token");
        var token = vector.Headers.Single(h => h.Key == "X-Amz-Security-Token").Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");

        SigV4Signer.Sign(request, [], new ImmutableCredentials(FixedCredentialsProvider.AccessKey, FixedCredentialsProvider.SecretKey, token), "us-east-1", "service", SuiteTime);

        Assert.Equal(token, Single(request, "X-Amz-Security-Token"));
        Assert.Equal(vector.ExpectedAuthorization, Single(request, "Authorization"));
    }

    [Fact]
    public void Sign_AlreadySignedMessage_ReplacesTheEarlierSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/");
        SigV4Signer.Sign(request, [], new ImmutableCredentials("AKIDOLD", "old", "old-token"), "eu-west-1", "service", SuiteTime.AddDays(-1));

        SigV4Signer.Sign(request, [], SuiteCredentials, "us-east-1", "service", SuiteTime);

        Assert.Equal("20150830T123600Z", Single(request, "X-Amz-Date"));
        Assert.False(request.Headers.Contains("X-Amz-Security-Token"));
        Assert.Equal(SuiteRequest.Load("post-vanilla").ExpectedAuthorization, Single(request, "Authorization"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9229/", "127.0.0.1:9229")]
    [InlineData("http://localhost/", "localhost")]
    [InlineData("https://cognito-idp.ap-northeast-1.amazonaws.com:443/", "cognito-idp.ap-northeast-1.amazonaws.com")]
    [InlineData("http://[::1]:8080/", "[::1]:8080")]
    public void Sign_Endpoint_SignsTheHostHttpClientSends(string url, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        using var reference = new HttpRequestMessage(HttpMethod.Post, url);
        reference.Headers.Host = host;

        SigV4Signer.Sign(request, [], SuiteCredentials, "us-east-1", "service", SuiteTime);
        SigV4Signer.Sign(reference, [], SuiteCredentials, "us-east-1", "service", SuiteTime);

        Assert.Equal(Single(reference, "Authorization"), Single(request, "Authorization"));
    }

    [Fact]
    public void Sign_EndpointWithQuery_Throws()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/?a=b");

        Assert.Throws<ArgumentException>(() => SigV4Signer.Sign(request, [], SuiteCredentials, "us-east-1", "service", SuiteTime));
    }

    private static string Single(HttpRequestMessage request, string header) => Assert.Single(request.Headers.GetValues(header));

    /// <summary>A vector file: request line, headers (one the expected Authorization), blank line, body.</summary>
    private sealed record SuiteRequest(string Method, List<KeyValuePair<string, string>> Headers, byte[] Body, string ExpectedAuthorization)
    {
        public static SuiteRequest Load(string name)
        {
            var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cognito", "Signing", "aws-sig-v4-test-suite", name + ".txt"));
            var split = text.IndexOf("\n\n", StringComparison.Ordinal);
            var lines = text[..split].Split('\n');
            var headers = new List<KeyValuePair<string, string>>();
            string? authorization = null;
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var (headerName, value) = (line[..colon], line[(colon + 1)..]);
                if (headerName == "Authorization")
                {
                    authorization = value;
                }
                else
                {
                    headers.Add(new(headerName, value));
                }
            }

            return new SuiteRequest(lines[0].Split(' ')[0], headers, Encoding.UTF8.GetBytes(text[(split + 2)..]), authorization!);
        }
    }
}

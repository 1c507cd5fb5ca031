using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;

namespace CognitoAuth.Client.Tests.Cognito;

/// <summary>
/// Every way a Cognito call can fail ends as a <see cref="CognitoException"/> with Cognito's code and message, the
/// HTTP status, the request id and whether a retry may help; none of them echoes a password, token or session.
/// </summary>
public sealed class CognitoErrorTests
{
    private const string Password = "Pa55-word!never-logged";
    private const string Session = "AYABeSESSION-never-logged";

    [Theory]
    [InlineData(400, """{"__type":"NotAuthorizedException","message":"Incorrect username or password."}""", "NotAuthorizedException", "Incorrect username or password.", false)]
    [InlineData(400, """{"__type":"com.amazonaws.cognito.identity.idp.model#UserNotFoundException","Message":"User does not exist."}""", "UserNotFoundException", "User does not exist.", false)]
    [InlineData(400, """{"__type":"aws.cognito#InvalidParameterException:http://internal.amazon.com/coral/com.amazon.coral.validate/","message":"1 validation error"}""", "InvalidParameterException", "1 validation error", false)]
    [InlineData(400, """{"__type":"PasswordResetRequiredException","message":"Password reset required for the user"}""", "PasswordResetRequiredException", "Password reset required for the user", false)]
    [InlineData(400, """{"__type":"TooManyRequestsException","message":"Rate exceeded"}""", "TooManyRequestsException", "Rate exceeded", true)]
    [InlineData(400, """{"__type":"LimitExceededException"}""", "LimitExceededException", "Cognito answered HTTP 400 with LimitExceededException.", true)]
    [InlineData(500, """{"__type":"InternalErrorException","message":"Internal server error"}""", "InternalErrorException", "Internal server error", true)]
    public async Task Call_CognitoErrorBody_BecomesCognitoException(int status, string body, string code, string message, bool retryable)
    {
        using var host = new CognitoTestHost();
        host.Stub.Always((HttpStatusCode)status, body, requestId: "0c1d2e3f-req");

        var ex = await Assert.ThrowsAsync<CognitoException>(() => AdminInitiateAuthAsync(host));

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(message, ex.Message);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal("0c1d2e3f-req", ex.RequestId);
        Assert.Equal(retryable, ex.IsRetryable);
    }

    [Fact]
    public async Task Call_ErrorTypeOnlyInHeader_TakesCodeFromHeader()
    {
        using var host = new CognitoTestHost();
        host.Stub.Respond = (_, _, _) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new ByteArrayContent([]) };
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "NotAuthorizedException:http://internal.amazon.com/coral/com.amazon.coral.service/");
            return Task.FromResult(response);
        };

        var ex = await Assert.ThrowsAsync<CognitoException>(() => AdminInitiateAuthAsync(host));

        Assert.Equal(CognitoErrorCodes.NotAuthorized, ex.ErrorCode);
        Assert.False(ex.IsRetryable);
    }

    [Theory]
    [InlineData(503, "<html><body>Service Unavailable</body></html>", true)]
    [InlineData(502, "", true)]
    [InlineData(403, "{}", false)]
    [InlineData(400, """{"message":"no type"}""", false)]
    public async Task Call_ErrorWithoutReadableCode_IsMalformedResponseRetryableByStatus(int status, string body, bool retryable)
    {
        using var host = new CognitoTestHost();
        host.Stub.Always((HttpStatusCode)status, body);

        var ex = await Assert.ThrowsAsync<CognitoException>(() => AdminInitiateAuthAsync(host));

        Assert.Equal(CognitoErrorCodes.MalformedResponse, ex.ErrorCode);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(retryable, ex.IsRetryable);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"AuthenticationResult":{"AccessToken":"eyJraWQiOiJ0cnVuY2F0ZWQ""")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("""{"AuthenticationResult":{"ExpiresIn":"soon"}}""")]
    public async Task Call_SuccessWithUnreadableBody_IsMalformedResponse(string body)
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.OK, body, requestId: "req-malformed");

        var ex = await Assert.ThrowsAsync<CognitoException>(() => AdminInitiateAuthAsync(host));

        Assert.Equal(CognitoErrorCodes.MalformedResponse, ex.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal("req-malformed", ex.RequestId);
        Assert.False(ex.IsRetryable);
        Assert.DoesNotContain("eyJ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Stub.Calls);
    }

    [Fact]
    public async Task Call_TransportFailure_IsRetryableTransportErrorWithInnerException()
    {
        using var host = new CognitoTestHost();
        host.Stub.Respond = (_, _, _) => throw new HttpRequestException("Connection refused (cognito-idp.ap-northeast-1.amazonaws.com:443)");

        var ex = await Assert.ThrowsAsync<CognitoException>(() => AdminInitiateAuthAsync(host));

        Assert.Equal(CognitoErrorCodes.TransportError, ex.ErrorCode);
        Assert.True(ex.IsRetryable);
        Assert.Null(ex.StatusCode);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Contains("Connection refused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ConnectionRefusedOnLoopback_IsTransportError()
    {
        var port = ClosedLoopbackPort();
        using var host = new CognitoTestHost(stubWire: false);

        var ex = await Assert.ThrowsAsync<CognitoException>(() => host.Client.InitiateAuthAsync(
            new CognitoEndpoint(new Uri($"http://127.0.0.1:{port}/"), "us-east-1"),
            new InitiateAuthRequest { AuthFlow = AuthFlowType.UserPasswordAuth, ClientId = "c" },
            CancellationToken.None));

        Assert.Equal(CognitoErrorCodes.TransportError, ex.ErrorCode);
        Assert.True(ex.IsRetryable);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task Call_ConnectionDropsMidBody_IsRetriedThenTransportError()
    {
        using var host = new CognitoTestHost();
        host.Stub.Respond = (_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new DroppingStream()) });

        var ex = await Assert.ThrowsAsync<CognitoException>(() => AdminInitiateAuthAsync(host));

        Assert.Equal(CognitoErrorCodes.TransportError, ex.ErrorCode);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal(4, host.Stub.Calls);
    }

    [Fact]
    public async Task Call_Failure_NeverEchoesPasswordOrSessionInExceptionOrLogs()
    {
        using var host = new CognitoTestHost();
        host.Credentials.Credentials = new Amazon.Runtime.ImmutableCredentials(Signing.FixedCredentialsProvider.AccessKey, FixedSecret, SessionToken);
        host.Stub.Sequence(
            () => StubHttpMessageHandler.Json(HttpStatusCode.BadRequest, """{"__type":"NotAuthorizedException","message":"Invalid session for the user, session is expired."}"""),
            () => StubHttpMessageHandler.Json(HttpStatusCode.OK, $$$"""{"AuthenticationResult":{"AccessToken":"{{{Session}}}"}}"""));

        var failure = await Assert.ThrowsAsync<CognitoException>(() => host.Client.AdminRespondToAuthChallengeAsync(CognitoTestHost.Endpoint, new AdminRespondToAuthChallengeRequest
        {
            UserPoolId = "p",
            ClientId = "c",
            ChallengeName = ChallengeNameType.NewPasswordRequired,
            Session = Session,
            ChallengeResponses = new() { ["USERNAME"] = "u", ["NEW_PASSWORD"] = Password },
        }, CancellationToken.None));
        var success = await AdminInitiateAuthAsync(host);

        Assert.Equal(Session, success.AuthenticationResult!.AccessToken);
        var everything = new StringBuilder(failure.ToString()).AppendJoin('\n', host.Logs.Select(r => $"{r.Message} {r.Exception} {JsonSerializer.Serialize(r.StructuredState)}")).ToString();
        Assert.Contains("NotAuthorizedException", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Session, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(FixedSecret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(SessionToken, everything, StringComparison.Ordinal);
        Assert.Equal(SessionToken, host.Stub.Requests[0].Header("X-Amz-Security-Token")); // it was on the wire, just never logged
    }

    [Fact]
    public async Task Call_Failure_LogsOperationCodeAndRequestIdAtWarning()
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.BadRequest, """{"__type":"UserNotFoundException","message":"User does not exist."}""", requestId: "req-404");

        await Assert.ThrowsAsync<CognitoException>(() => AdminInitiateAuthAsync(host));

        var record = Assert.Single(host.Logs, r => r.Id.Name == "CognitoCallFailed");
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, record.Level);
        Assert.Equal("AdminInitiateAuth", record.GetStructuredStateValue("Operation"));
        Assert.Equal("UserNotFoundException", record.GetStructuredStateValue("ErrorCode"));
        Assert.Equal("400", record.GetStructuredStateValue("StatusCode"));
        Assert.Equal("req-404", record.GetStructuredStateValue("RequestId"));
    }

    private const string FixedSecret = Signing.FixedCredentialsProvider.SecretKey;
    private const string SessionToken = "IQoJb3JpZ2luX2VjSESSIONTOKEN-never-logged";

    private static Task<AuthFlowResponse> AdminInitiateAuthAsync(CognitoTestHost host) =>
        host.Client.AdminInitiateAuthAsync(CognitoTestHost.Endpoint, new AdminInitiateAuthRequest
        {
            UserPoolId = "ap-northeast-1_AbCdEfGhI",
            ClientId = "1example23456789",
            AuthFlow = AuthFlowType.AdminUserPasswordAuth,
            AuthParameters = new() { ["USERNAME"] = "testuser@example.com", ["PASSWORD"] = Password },
        }, CancellationToken.None);

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A body that breaks off after a few bytes, as a dropped connection does.</summary>
    private sealed class DroppingStream : Stream
    {
        private bool _sent;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_sent)
            {
                throw new IOException("The response ended prematurely.");
            }

            _sent = true;
            buffer[offset] = (byte)'{';
            return 1;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

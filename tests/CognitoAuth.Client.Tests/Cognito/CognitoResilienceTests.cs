using System.Net;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Cognito;

/// <summary>
/// The resilience pipeline of the Cognito HttpClient, counted on the stub: bounded retries for throttling (carried in
/// HTTP 400 bodies), 429/5xx, transport failures and attempt timeouts; none for caller errors; cancellation stops it.
/// </summary>
public sealed class CognitoResilienceTests
{
    private const int DefaultAttempts = 4; // the first call and CognitoResilienceOptions.MaxRetryAttempts (3) retries

    [Theory]
    [InlineData(CognitoErrorCodes.TooManyRequests)]
    [InlineData(CognitoErrorCodes.LimitExceeded)]
    [InlineData(CognitoErrorCodes.Throttling)]
    public async Task Call_ThrottledEveryTime_RetriesBoundedNumberOfTimes(string code)
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.BadRequest, $$"""{"__type":"{{code}}","message":"Rate exceeded"}""");

        var ex = await Assert.ThrowsAsync<CognitoException>(() => InitiateAuthAsync(host));

        Assert.Equal(code, ex.ErrorCode);
        Assert.True(ex.IsRetryable);
        Assert.Equal(DefaultAttempts, host.Stub.Calls);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Call_TransientStatusEveryTime_RetriesBoundedNumberOfTimes(int status)
    {
        using var host = new CognitoTestHost();
        host.Stub.Always((HttpStatusCode)status, "{}");

        var ex = await Assert.ThrowsAsync<CognitoException>(() => InitiateAuthAsync(host));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.True(ex.IsRetryable);
        Assert.Equal(DefaultAttempts, host.Stub.Calls);
    }

    [Theory]
    [InlineData(CognitoErrorCodes.NotAuthorized)]
    [InlineData(CognitoErrorCodes.UserNotFound)]
    [InlineData(CognitoErrorCodes.InvalidPassword)]
    [InlineData(CognitoErrorCodes.PasswordResetRequired)]
    [InlineData(CognitoErrorCodes.UserNotConfirmed)]
    [InlineData(CognitoErrorCodes.InvalidParameter)]
    [InlineData(CognitoErrorCodes.ResourceNotFound)]
    public async Task Call_CallerError_IsNotRetried(string code)
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.BadRequest, $$"""{"__type":"{{code}}","message":"no"}""");

        var ex = await Assert.ThrowsAsync<CognitoException>(() => InitiateAuthAsync(host));

        Assert.Equal(code, ex.ErrorCode);
        Assert.False(ex.IsRetryable);
        Assert.Equal(1, host.Stub.Calls);
    }

    [Fact]
    public async Task Call_ThrottledThenAnswered_ReturnsTheAnswer()
    {
        using var host = new CognitoTestHost();
        host.Stub.Sequence(
            () => StubHttpMessageHandler.Json(HttpStatusCode.BadRequest, """{"__type":"TooManyRequestsException","message":"Rate exceeded"}"""),
            () => StubHttpMessageHandler.Json(HttpStatusCode.ServiceUnavailable, "{}"),
            () => StubHttpMessageHandler.Json(HttpStatusCode.OK, """{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"s"}"""));

        var response = await InitiateAuthAsync(host);

        Assert.Equal("NEW_PASSWORD_REQUIRED", response.ChallengeName);
        Assert.Equal(3, host.Stub.Calls);
    }

    [Fact]
    public async Task Call_MaxRetryAttemptsConfigured_RetriesThatOften()
    {
        using var host = new CognitoTestHost(services => services.Configure<CognitoResilienceOptions>(o => o.MaxRetryAttempts = 1));
        host.Stub.Always(HttpStatusCode.InternalServerError, """{"__type":"InternalErrorException"}""");

        await Assert.ThrowsAsync<CognitoException>(() => InitiateAuthAsync(host));

        Assert.Equal(2, host.Stub.Calls);
    }

    [Fact]
    public async Task Call_CancelledWhileThrottled_StopsRetryingAndThrowsOperationCanceled()
    {
        using var host = new CognitoTestHost();
        using var cts = new CancellationTokenSource();
        host.Stub.Respond = (_, _, _) =>
        {
            cts.Cancel();
            return Task.FromResult(StubHttpMessageHandler.Json(HttpStatusCode.BadRequest, """{"__type":"TooManyRequestsException"}"""));
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => InitiateAuthAsync(host, cts.Token));

        Assert.Equal(1, host.Stub.Calls);
    }

    [Fact]
    public async Task Call_CancelledDuringBackoff_StopsWaitingAndThrowsOperationCanceled()
    {
        using var host = new CognitoTestHost(services => services.Configure<CognitoResilienceOptions>(o => o.BaseDelay = TimeSpan.FromSeconds(5)));
        using var cts = new CancellationTokenSource();
        host.Stub.Always(HttpStatusCode.ServiceUnavailable, "{}");

        var call = InitiateAuthAsync(host, cts.Token);
        await Poll.UntilAsync(() => host.Stub.Calls == 1 && host.Time.GetUtcNow() == CognitoTestHost.Start);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, host.Stub.Calls);
    }

    [Fact]
    public async Task Call_AlreadyCancelled_SendsNothing()
    {
        using var host = new CognitoTestHost();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => InitiateAuthAsync(host, new CancellationToken(canceled: true)));

        Assert.Equal(0, host.Stub.Calls);
    }

    [Fact]
    public async Task Call_AttemptHangsPastAttemptTimeout_IsRetried()
    {
        using var host = new CognitoTestHost();
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Stub.Respond = async (_, index, cancellationToken) =>
        {
            if (index > 0)
            {
                return StubHttpMessageHandler.Json(HttpStatusCode.OK, """{"Session":"second"}""");
            }

            firstEntered.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };

        var call = InitiateAuthAsync(host);
        await firstEntered.Task;
        host.Time.Advance(new CognitoResilienceOptions().AttemptTimeout);

        Assert.Equal("second", (await call).Session);
        Assert.Equal(2, host.Stub.Calls);
    }

    [Fact]
    public async Task Call_HangsPastTotalTimeout_IsTransportErrorTimedOut()
    {
        using var host = new CognitoTestHost(services => services.Configure<CognitoResilienceOptions>(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.TotalTimeout = TimeSpan.FromSeconds(15);
        }));
        var entered = 0;
        host.Stub.Respond = async (_, _, cancellationToken) =>
        {
            Interlocked.Increment(ref entered);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };

        var call = InitiateAuthAsync(host);
        await Poll.UntilAsync(() => Volatile.Read(ref entered) == 1);
        host.Time.Advance(TimeSpan.FromSeconds(10)); // the first attempt times out and is retried
        await Poll.UntilAsync(() => Volatile.Read(ref entered) == 2);
        host.Time.Advance(TimeSpan.FromSeconds(5)); // the whole call runs out of time

        var ex = await Assert.ThrowsAsync<CognitoException>(() => call);
        Assert.Equal(CognitoErrorCodes.TransportError, ex.ErrorCode);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsRetryable);
        Assert.Equal(2, host.Stub.Calls);
    }

    [Fact]
    public async Task Call_SignedRetryAfterClockMoved_IsSignedAfreshPerAttempt()
    {
        using var host = new CognitoTestHost();
        host.Stub.Respond = (_, index, _) =>
        {
            if (index == 0)
            {
                host.Time.Advance(TimeSpan.FromSeconds(20)); // a backoff's worth: the retry must not reuse the old X-Amz-Date
                return Task.FromResult(StubHttpMessageHandler.Json(HttpStatusCode.ServiceUnavailable, "{}"));
            }

            return Task.FromResult(StubHttpMessageHandler.Json(HttpStatusCode.OK, "{}"));
        };

        await host.Client.AdminInitiateAuthAsync(CognitoTestHost.Endpoint, new AdminInitiateAuthRequest { UserPoolId = "p", ClientId = "c", AuthFlow = AuthFlowType.AdminUserPasswordAuth }, CancellationToken.None);

        var (first, second) = (host.Stub.Requests[0], host.Stub.Requests[1]);
        Assert.Equal("20150830T123600Z", first.Header("X-Amz-Date"));
        Assert.Equal("20150830T123620Z", second.Header("X-Amz-Date"));
        Assert.NotEqual(Signature(first), Signature(second));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/", second.Header("Authorization"));
        Assert.Single(second.Header("Authorization")!.Split("AWS4-HMAC-SHA256"), part => part.Length > 0); // replaced, not appended
    }

    private static string Signature(CapturedRequest request) =>
        request.Header("Authorization")![request.Header("Authorization")!.IndexOf("Signature=", StringComparison.Ordinal)..];

    private static Task<AuthFlowResponse> InitiateAuthAsync(CognitoTestHost host, CancellationToken cancellationToken = default) =>
        host.Client.InitiateAuthAsync(
            CognitoTestHost.Endpoint,
            new InitiateAuthRequest { AuthFlow = AuthFlowType.UserPasswordAuth, ClientId = "1example23456789" },
            cancellationToken);
}

using System.Net;
using CognitoAuth.Client;
using CognitoAuth.Emulator;
using CognitoAuth.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The client against the emulator with faults injected on the real wire (Kestrel on loopback): transient failures are
/// retried a bounded number of times with backoff, caller errors surface at once as the typed error, concurrent callers
/// share one sign-in even while it is retried, timeouts and cancellation are honoured, and every later call recovers.
/// Retries back off on the real clock (half a second, doubling, with jitter) unless a test shares a fake clock.
/// </summary>
public sealed class FaultToleranceTests
{
    private const string Hello = "Hello from a protected API!";
    private const string SignIn = "AdminInitiateAuth";
    private static readonly Uri HelloPath = new("hello", UriKind.Relative);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10); // the client's per-attempt default

    private static readonly Dictionary<string, Func<CognitoFault>> Transient = new()
    {
        ["TooManyRequestsException"] = CognitoFault.Throttle,
        ["LimitExceededException"] = () => CognitoFault.Error("LimitExceededException"),
        ["ThrottlingException"] = () => CognitoFault.Error("ThrottlingException"),
        ["InternalErrorException (500)"] = CognitoFault.InternalError,
        ["HTTP 500 from a proxy"] = () => CognitoFault.Status(500),
        ["HTTP 502"] = () => CognitoFault.Status(502),
        ["HTTP 503"] = () => CognitoFault.Status(503),
        ["HTTP 504"] = () => CognitoFault.Status(504),
        ["connection dropped"] = CognitoFault.DropConnection,
        ["body truncated in transit"] = CognitoFault.TruncatedBody,
    };

    public static TheoryData<string> TransientFaults => [.. Transient.Keys];

    public static TheoryData<string> CallerErrors =>
    [
        "NotAuthorizedException", "UserNotFoundException", "PasswordResetRequiredException", "UserNotConfirmedException",
        "InvalidParameterException", "ResourceNotFoundException",
    ];

    [Theory]
    [MemberData(nameof(TransientFaults))]
    public async Task SignIn_TransientFaultOnce_RetriedOnceAndTheRequestSucceeds(string fault)
    {
        await using var stack = await EmulatedStack.StartAsync();
        stack.Emulator.Faults.Enqueue(SignIn, Transient[fault]());

        Assert.Equal(Hello, await stack.Client.Http.GetStringAsync(HelloPath));

        Assert.True(stack.Emulator.Faults.Applied[SignIn] == 1, fault);
        Assert.Equal(2, stack.Calls(SignIn));
        Assert.Equal(1, stack.Emulator.ApiRequests.Total);
    }

    [Fact]
    public async Task SignIn_ThrottledEveryTime_GivesUpAfterFourAttemptsWithTheTypedErrorThenRecovers()
    {
        await using var stack = await EmulatedStack.StartAsync();
        stack.Emulator.Faults.Enqueue(SignIn, CognitoFault.Throttle(), 10);

        var exception = await Assert.ThrowsAsync<CognitoException>(() => stack.Client.Http.GetStringAsync(HelloPath));

        Assert.Equal(CognitoErrorCodes.TooManyRequests, exception.ErrorCode);
        Assert.True(exception.IsRetryable);
        Assert.Equal(4, stack.Calls(SignIn)); // one attempt and three retries: bounded
        Assert.Equal(0, stack.Emulator.ApiRequests.Total); // nothing sent without a token
        stack.Client.AssertNoSecretIn(exception);

        stack.Emulator.Faults.Clear();
        Assert.Equal(Hello, await stack.Client.Http.GetStringAsync(HelloPath));
        Assert.Equal(5, stack.Calls(SignIn));
    }

    [Theory]
    [MemberData(nameof(CallerErrors))]
    public async Task SignIn_CallerError_SurfacesAtOnceAsTheTypedErrorPausesThenRecovers(string code)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await EmulatedStack.StartAsync(clock: clock);
        stack.Emulator.Faults.Enqueue(SignIn, CognitoFault.Error(code, 400, "Refused by the test."));

        var exception = await Assert.ThrowsAsync<CognitoException>(() => stack.Client.Http.GetStringAsync(HelloPath));

        Assert.Equal(code, exception.ErrorCode);
        Assert.Equal("Refused by the test.", exception.Message);
        Assert.False(exception.IsRetryable);
        Assert.NotNull(exception.RequestId);
        Assert.Equal(1, stack.Calls(SignIn));
        stack.Client.AssertNoSecretIn(exception);

        // Within FailureBackoff the same error comes back at once, and Cognito is not asked again.
        var paused = await Assert.ThrowsAsync<CognitoException>(() => stack.Client.Http.GetStringAsync(HelloPath));
        Assert.Equal(code, paused.ErrorCode);
        Assert.StartsWith("Refused by the test.", paused.Message, StringComparison.Ordinal);
        Assert.Equal(1, stack.Calls(SignIn));

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Hello, await stack.Client.Http.GetStringAsync(HelloPath));
        Assert.Equal(2, stack.Calls(SignIn));
    }

    [Fact]
    public async Task SignIn_MalformedSuccessBody_SurfacesAsMalformedResponseUnretriedThenRecovers()
    {
        // A 200 whose body cannot be read may have done its work (a spent session): it is not retried blindly.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await EmulatedStack.StartAsync(clock: clock);
        stack.Emulator.Faults.Enqueue(SignIn, CognitoFault.MalformedBody());

        var exception = await Assert.ThrowsAsync<CognitoException>(() => stack.Client.Http.GetStringAsync(HelloPath));

        Assert.Equal(CognitoErrorCodes.MalformedResponse, exception.ErrorCode);
        Assert.False(exception.IsRetryable);
        Assert.Equal(1, stack.Calls(SignIn));
        Assert.DoesNotContain("eyJ", exception.ToString(), StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Hello, await stack.Client.Http.GetStringAsync(HelloPath));
    }

    [Fact]
    public async Task SignIn_50ConcurrentCallersWhileThrottled_CognitoSeesOnlyTheRetriesOfOneSignIn()
    {
        await using var stack = await EmulatedStack.StartAsync();
        stack.Emulator.Faults.Enqueue(SignIn, CognitoFault.Throttle(), CognitoFault.Throttle());
        using var http = stack.Client.Http;

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => http.GetStringAsync(HelloPath))));

        Assert.All(answers, answer => Assert.Equal(Hello, answer));
        Assert.Equal(3, stack.Calls(SignIn)); // two throttled attempts and the one that succeeded: no storm
        Assert.Equal(3, stack.Emulator.CognitoRequests.Total);
        Assert.Equal(50, stack.Emulator.ApiRequests["GET /hello"]);
    }

    [Fact]
    public async Task SignIn_AttemptHangs_TimedOutAfterTheAttemptTimeoutAndRetried()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await EmulatedStack.StartAsync(clock: clock);
        stack.Emulator.Faults.Enqueue(SignIn, CognitoFault.Hang());

        var call = stack.Client.Http.GetStringAsync(HelloPath);
        await Eventually.ReachedAsync(() => stack.Emulator.Faults.Applied[SignIn] == 1, "the first attempt is held");
        clock.Advance(AttemptTimeout);
        await Eventually.AdvanceUntilAsync(clock, () => stack.Calls(SignIn) == 2, "the retry after the backoff");

        Assert.Equal(Hello, await call);
        Assert.Equal(2, stack.Calls(SignIn));
    }

    [Fact]
    public async Task SignIn_SlowButWithinTheAttemptTimeout_AnsweredWithoutARetry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await EmulatedStack.StartAsync(clock: clock);
        stack.Emulator.Faults.Enqueue(SignIn, CognitoFault.Slow(AttemptTimeout - TimeSpan.FromSeconds(1)));

        var call = stack.Client.Http.GetStringAsync(HelloPath);
        await Eventually.ReachedAsync(() => stack.Emulator.Faults.Applied[SignIn] == 1, "the slow attempt is held");
        clock.Advance(AttemptTimeout - TimeSpan.FromSeconds(1));

        Assert.Equal(Hello, await call);
        Assert.Equal(1, stack.Calls(SignIn));
    }

    [Fact]
    public async Task SignIn_HangsEveryTime_GivesUpWithinTheOverallBudgetAsATimeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await EmulatedStack.StartAsync(clock: clock);
        stack.Emulator.Faults.Enqueue(SignIn, CognitoFault.Hang(), 10);
        var started = clock.GetUtcNow();

        var call = stack.Client.Http.GetStringAsync(HelloPath);
        for (var attempt = 1; attempt <= 10 && !call.IsCompleted; attempt++)
        {
            await Eventually.ReachedAsync(() => stack.Emulator.Faults.Applied[SignIn] == attempt || call.IsCompleted, $"attempt {attempt} is held");
            clock.Advance(AttemptTimeout);
            await Eventually.AdvanceUntilAsync(clock, () => stack.Emulator.Faults.Applied[SignIn] > attempt || call.IsCompleted, $"attempt {attempt + 1} or the end");
        }

        var exception = await Assert.ThrowsAsync<CognitoException>(() => call);
        Assert.Equal(CognitoErrorCodes.TransportError, exception.ErrorCode);
        Assert.Contains("timed out", exception.Message, StringComparison.Ordinal);
        Assert.InRange(stack.Calls(SignIn), 3, 4); // the 30 s budget ends the third or fourth attempt
        Assert.InRange(clock.GetUtcNow() - started, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40));
        Assert.Equal(0, stack.Emulator.ApiRequests.Total);
    }

    [Fact]
    public async Task SignIn_CallerCancelsWhileItHangs_TheCallerStopsAtOnceAndTheSharedSignInServesTheOthers()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stack = await EmulatedStack.StartAsync(clock: clock);
        stack.Emulator.Faults.Enqueue(SignIn, CognitoFault.Hang());
        using var http = stack.Client.Http;
        using var impatience = new CancellationTokenSource();

        var impatient = http.GetAsync(HelloPath, impatience.Token);
        var patient = http.GetStringAsync(HelloPath);
        await Eventually.ReachedAsync(() => stack.Emulator.Faults.Applied[SignIn] == 1, "the sign-in is held");
        await impatience.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient); // no clock moved: cancellation alone ends it
        Assert.False(patient.IsCompleted);
        clock.Advance(AttemptTimeout);
        await Eventually.AdvanceUntilAsync(clock, () => stack.Calls(SignIn) == 2, "the retry after the backoff");
        Assert.Equal(Hello, await patient);
        Assert.Equal(1, stack.Emulator.ApiRequests.Total);
    }

    [Fact]
    public async Task SignIn_CognitoDownThenBack_ConnectionRefusedIsATransportErrorAndTheNextCallRecovers()
    {
        var ports = (Cognito: FreePort.Next(), Api: FreePort.Next());
        var options = () => new CognitoEmulatorOptions
        {
            CognitoPort = ports.Cognito,
            ApiPort = ports.Api,
            UserPoolId = "ap-northeast-1_Restarts1",
            ClientId = "restartingclient1",
            SeedTestUser = false,
        };
        var first = await CognitoEmulator.StartAsync(options());
        await using var client = await ClientHost.StartAsync(first, o =>
        {
            o.Username = EmulatedStack.Username;
            o.Password = EmulatedStack.Password;
        });
        await first.DisposeAsync();

        var exception = await Assert.ThrowsAsync<CognitoException>(() => client.Http.GetStringAsync(HelloPath));
        await using var second = await CognitoEmulator.StartAsync(options());
        second.CreateUser(EmulatedStack.Username, EmulatedStack.Password, permanent: true);
        var answer = await client.Http.GetStringAsync(HelloPath);

        Assert.Equal(CognitoErrorCodes.TransportError, exception.ErrorCode);
        Assert.True(exception.IsRetryable);
        Assert.IsType<HttpRequestException>(exception.InnerException);
        client.AssertNoSecretIn(exception);
        Assert.Equal(Hello, answer);
        Assert.Equal(1, second.CognitoRequests[SignIn]);
    }

    [Theory]
    [InlineData(CognitoAuthFlow.AdminUserPassword, "AdminInitiateAuth", "AdminRespondToAuthChallenge")]
    [InlineData(CognitoAuthFlow.UserPassword, "InitiateAuth", "RespondToAuthChallenge")]
    public async Task NewPasswordAnswer_ResponseLostAndRetried_SessionSpentYetTheSameCallSucceeds(CognitoAuthFlow flow, string initiate, string respond)
    {
        // The known edge: the retried answer finds its single-use session spent (NotAuthorized) though the password changed.
        await using var emulator = await CognitoEmulator.StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o => o.AuthFlow = flow);
        emulator.Faults.Enqueue(respond, CognitoFault.DropResponse());

        Assert.Equal(Hello, await client.Http.GetStringAsync(HelloPath));

        Assert.Equal(2, emulator.CognitoRequests[respond]); // the lost answer and its retry, refused
        Assert.Equal(2, emulator.CognitoRequests[initiate]); // the temporary password, then the new one
        Assert.Contains(client.Logs.GetSnapshot(), r => r.Id.Name == "TryingOtherPassword");

        // Later sign-ins start with the new password.
        await client.Tokens.SignOutAsync(CognitoApiClientOptions.DefaultName);
        Assert.Equal(Hello, await client.Http.GetStringAsync(HelloPath));
        Assert.Equal(3, emulator.CognitoRequests[initiate]);
    }
}

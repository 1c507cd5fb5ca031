using System.Net;
using CognitoAuth.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Faults;

/// <summary>
/// The emulator's fault-injection hook: each queued fault hits exactly one request of its operation, in order, and does
/// to it what the real service or the network would — seen here from a raw HTTP client, so the client library's own
/// tests can rely on it.
/// </summary>
public sealed class FaultInjectionTests
{
    private const string User = "faults@example.com";
    private const string Password = "Faults-Pass-123!";

    [Fact]
    public async Task Enqueue_TwoThrottles_HitTheNextTwoRequestsOfThatOperationOnly()
    {
        await using var emulator = await StartWithUserAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.Faults.Enqueue("AdminInitiateAuth", CognitoFault.Throttle(), CognitoFault.Throttle());

        var unaffected = await client.CallAsync("AdminGetUser", new { emulator.UserPoolId, Username = User });
        var first = await client.AdminInitiateAuthAsync(User, Password);
        var second = await client.AdminInitiateAuthAsync(User, Password);
        var third = await client.AdminInitiateAuthAsync(User, Password);

        unaffected.AssertOk();
        first.AssertError("TooManyRequestsException", "Rate exceeded");
        second.AssertError("TooManyRequestsException", "Rate exceeded");
        third.AssertOk();
        Assert.Equal(2, emulator.Faults.Applied["AdminInitiateAuth"]);
        Assert.Equal(0, emulator.Faults.Pending("AdminInitiateAuth"));
        Assert.Equal(3, emulator.CognitoRequests["AdminInitiateAuth"]); // faulted requests are counted like any other
    }

    [Theory]
    [InlineData("InternalErrorException", 500)]
    [InlineData("LimitExceededException", 400)]
    [InlineData("NotAuthorizedException", 400)]
    public async Task Error_AnswersAnAwsErrorBodyWithoutRunningTheOperation(string code, int status)
    {
        await using var emulator = await StartWithUserAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.Faults.Enqueue("AdminDisableUser", CognitoFault.Error(code, status, "injected"));

        var response = await client.CallAsync("AdminDisableUser", new { emulator.UserPoolId, Username = User });

        response.AssertError(code, "injected", (HttpStatusCode)status);
        (await client.AdminInitiateAuthAsync(User, Password)).AssertOk(); // the user was not disabled
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Status_AnswersABareStatusWithAnHtmlBody(int status)
    {
        await using var emulator = await StartWithUserAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.Faults.Enqueue("AdminInitiateAuth", CognitoFault.Status(status));

        var response = await client.AdminInitiateAuthAsync(User, Password);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("text/html", response.ContentType);
        Assert.StartsWith("<html>", response.Text, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("x-amzn-ErrorType"));
    }

    [Fact]
    public async Task MalformedBody_Answers200WithTheBody()
    {
        await using var emulator = await StartWithUserAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.Faults.Enqueue("AdminInitiateAuth", CognitoFault.MalformedBody());

        var response = await client.SendAsync(client.Request("AdminInitiateAuth", "{}"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"AuthenticationResult":{"AccessToken":"eyJraWQiOi""", response.Text);
    }

    [Fact]
    public async Task DropConnection_ClosesWithoutAnswerAndWithoutRunningTheOperation()
    {
        await using var emulator = await StartWithUserAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.Faults.Enqueue("AdminDisableUser", CognitoFault.DropConnection());

        await Assert.ThrowsAsync<HttpRequestException>(() => client.CallAsync("AdminDisableUser", new { emulator.UserPoolId, Username = User }));

        (await client.AdminInitiateAuthAsync(User, Password)).AssertOk();
    }

    [Fact]
    public async Task DropResponse_TheOperationRanSoItsSingleUseSessionIsSpent()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var seed = Reference.ReferenceStack.TestUser;
        var challenge = await client.AdminInitiateAuthAsync(seed.Username, seed.TemporaryPassword);
        emulator.Faults.Enqueue("AdminRespondToAuthChallenge", CognitoFault.DropResponse());

        await Assert.ThrowsAsync<HttpRequestException>(() => client.RespondNewPasswordAsync(challenge.Get("Session"), seed.Username, seed.NewPassword));
        var retried = await client.RespondNewPasswordAsync(challenge.Get("Session"), seed.Username, seed.NewPassword);
        var withNewPassword = await client.AdminInitiateAuthAsync(seed.Username, seed.NewPassword);

        retried.AssertError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
        withNewPassword.AssertOk(); // the lost answer's password change stuck
    }

    [Fact]
    public async Task TruncatedBody_BreaksOffMidBody()
    {
        await using var emulator = await StartWithUserAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.Faults.Enqueue("AdminInitiateAuth", CognitoFault.TruncatedBody());

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.AdminInitiateAuthAsync(User, Password));

        Assert.IsAssignableFrom<IOException>(exception.InnerException);
        (await client.AdminInitiateAuthAsync(User, Password)).AssertOk();
    }

    [Fact]
    public async Task Slow_HoldsTheRequestOnTheEmulatorsClockThenAnswers()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartWithUserAsync(new CognitoEmulatorOptions { TimeProvider = clock });
        using var client = new CognitoTestClient(emulator);
        emulator.Faults.Enqueue("AdminInitiateAuth", CognitoFault.Slow(TimeSpan.FromSeconds(20)));

        var call = client.AdminInitiateAuthAsync(User, Password);
        await WaitUntilAsync(() => emulator.Faults.Applied["AdminInitiateAuth"] == 1);
        clock.Advance(TimeSpan.FromSeconds(19));
        var answeredEarly = await Task.WhenAny(call, Task.Delay(100)) == call; // a second short of the delay: still held
        clock.Advance(TimeSpan.FromSeconds(1));

        (await call).AssertOk();
        Assert.False(answeredEarly);
    }

    [Fact]
    public async Task Hang_HeldUntilTheClientGivesUp_ThenTheNextRequestIsServed()
    {
        await using var emulator = await StartWithUserAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.Faults.Enqueue("AdminInitiateAuth", CognitoFault.Hang());
        using var giveUp = new CancellationTokenSource();

        var hung = client.SendAsync(Signed(client, User, Password), giveUp.Token);
        await WaitUntilAsync(() => emulator.Faults.Applied["AdminInitiateAuth"] == 1);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hung);
        (await client.AdminInitiateAuthAsync(User, Password)).AssertOk();
    }

    [Fact]
    public async Task Hang_EmulatorStops_TheHeldRequestEndsWithTheConnection()
    {
        var emulator = await StartWithUserAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.Faults.Enqueue("AdminInitiateAuth", CognitoFault.Hang());

        var hung = client.AdminInitiateAuthAsync(User, Password);
        await WaitUntilAsync(() => emulator.Faults.Applied["AdminInitiateAuth"] == 1);
        await emulator.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => hung);
    }

    [Fact]
    public async Task Clear_DropsQueuedFaults()
    {
        await using var emulator = await StartWithUserAsync();
        using var client = new CognitoTestClient(emulator);
        emulator.Faults.Enqueue("AdminInitiateAuth", CognitoFault.InternalError(), 3);

        emulator.Faults.Clear();

        (await client.AdminInitiateAuthAsync(User, Password)).AssertOk();
        Assert.Equal(0, emulator.Faults.Applied.Total);
    }

    [Fact]
    public async Task Fault_IsLoggedByKindWithoutTheRequestsSecrets()
    {
        using var provider = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        await using var emulator = await StartWithUserAsync(new CognitoEmulatorOptions { LoggerFactory = loggerFactory });
        using var client = new CognitoTestClient(emulator);
        emulator.Faults.Enqueue("AdminInitiateAuth", CognitoFault.TruncatedBody(), CognitoFault.Throttle());

        await Assert.ThrowsAsync<HttpRequestException>(() => client.AdminInitiateAuthAsync(User, Password));
        await client.AdminInitiateAuthAsync(User, Password);

        var records = provider.Collector.GetSnapshot();
        Assert.Equal(["TruncatedBody", "Error"], records.Where(r => r.Id.Name == "FaultInjected").Select(r => r.GetStructuredStateValue("Fault")));
        var text = string.Join('\n', records.Select(r => $"{r.Message} {r.Exception}"));
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Factories_RejectWhatNoServerSends()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CognitoFault.Error("InternalErrorException", 200));
        Assert.Throws<ArgumentOutOfRangeException>(() => CognitoFault.Status(302));
        Assert.Throws<ArgumentOutOfRangeException>(() => CognitoFault.Slow(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentException>(() => CognitoFault.Error(""));
        Assert.Equal("CognitoFault { 400 TooManyRequestsException }", CognitoFault.Throttle().ToString());
    }

    private static async Task<CognitoEmulator> StartWithUserAsync(CognitoEmulatorOptions? options = null)
    {
        var emulator = await CognitoEmulator.StartAsync(options);
        emulator.CreateUser(User, Password, permanent: true);
        return emulator;
    }

    private static HttpRequestMessage Signed(CognitoTestClient client, string username, string password)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
        {
            client.Emulator.UserPoolId,
            client.Emulator.ClientId,
            AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password },
        }));
        var request = client.Request("AdminInitiateAuth", body);
        SdkSigner.Sign(request, body, SigningParameters.For(client.Emulator));
        return request;
    }

    // Waits for the server to reach a point (not a timing assertion): fails only if it never does.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The emulator never reached the expected point.");
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Tests.Diagnostics;

public sealed class TelemetryTests
{
    private const string Secret = "client-secret-value";

    [Fact]
    public async Task FullFlow_Logs_ContainNoPasswordTokenSessionOrSecret()
    {
        using var harness = new ClientHarness(o => { o.ClientSecret = Secret; o.NewPassword = ClientHarness.NewPassword; });
        harness.Cognito.ClientSecret = Secret;
        harness.Cognito.MustChangePassword = true;
        using var http = harness.CreateHttpClient();
        var apiCalls = 0;
        harness.Api.Respond = _ => new HttpResponseMessage(Interlocked.Increment(ref apiCalls) == 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);

        await http.GetAsync(new Uri("hello", UriKind.Relative));           // sign-in, NEW_PASSWORD_REQUIRED, 401, renewal, retry
        await http.GetAsync(new Uri("https://elsewhere.example.com/"));    // token withheld
        harness.Time.Advance(TimeSpan.FromHours(1));
        await http.GetAsync(new Uri("hello", UriKind.Relative));           // refresh
        harness.Cognito.ExpireRefreshTokens();
        harness.Time.Advance(TimeSpan.FromHours(1));
        await http.GetAsync(new Uri("hello", UriKind.Relative));           // rejected refresh, sign-in again
        harness.Cognito.Failures.Enqueue(new CognitoException(CognitoErrorCodes.TransportError, "down", null, null, true));
        await harness.Tokens.SignOutAsync(CognitoApiClientOptions.DefaultName);

        var secrets = Secrets(harness).ToArray();
        var records = harness.Logs.GetSnapshot();
        Assert.True(records.Count >= 8, $"Expected a logged flow, got {records.Count} records.");
        Assert.Contains(records, r => r.Id.Name == "AnsweringNewPasswordRequired");
        Assert.Contains(records, r => r.Id.Name == "RetryingAfterUnauthorized");
        Assert.Contains(records, r => r.Id.Name == "RefreshTokenRejected");
        Assert.Contains(records, r => r.Id.Name == "RevokeFailed");
        foreach (var record in records)
        {
            var texts = new[] { record.Message, record.Exception?.ToString() }
                .Concat(record.StructuredState?.Select(s => s.Value) ?? []);
            foreach (var text in texts.OfType<string>())
            {
                foreach (var secret in secrets)
                {
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{record.Category} {record.Id} leaks: {text}");
                }
            }
        }
    }

    [Fact]
    public async Task ApiRequests_AreLoggedWithoutHeadersOrQuery()
    {
        using var harness = new ClientHarness();
        using var http = harness.CreateHttpClient();

        await http.GetAsync(new Uri("hello?state=query-secret", UriKind.Relative));

        var records = harness.Logs.GetSnapshot().Where(r => r.Category == "System.Net.Http.HttpClient.CognitoAuth.LogicalHandler").ToArray();
        Assert.Equal(["SendingRequest", "ReceivedResponse"], records.Select(r => r.Id.Name));
        Assert.Equal("Sending HTTP request GET https://api.example.com/prod/hello", records[0].Message);
        Assert.StartsWith("Received HTTP response GET https://api.example.com/prod/hello: 200 after", records[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.GetSnapshot(), r => r.Message.Contains("query-secret", StringComparison.Ordinal) || r.Message.Contains("Bearer", StringComparison.Ordinal));
    }

    [Fact]
    public void LogEvents_HaveUniqueIdsAndNames()
    {
        var events = typeof(CognitoAuthDiagnostics).Assembly.GetType("CognitoAuth.Client.Diagnostics.Log")!
            .GetMethods()
            .Select(m => m.GetCustomAttributes(typeof(LoggerMessageAttribute), false).Cast<LoggerMessageAttribute>().SingleOrDefault())
            .OfType<LoggerMessageAttribute>()
            .ToArray();

        Assert.NotEmpty(events);
        Assert.Equal(events.Length, events.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(events.Length, events.Select(e => e.EventName).Distinct().Count());
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.EventName)));
    }

    [Fact]
    public async Task Metrics_CountSignInsRefreshesCacheHitsAndFailures_WithoutUserData()
    {
        using var harness = new ClientHarness();
        var meterFactory = harness.Services.GetService(typeof(IMeterFactory)) as IMeterFactory;
        using var signIns = new MetricCollector<long>(meterFactory!, CognitoAuthDiagnostics.MeterName, "cognitoauth.client.sign_ins");
        using var refreshes = new MetricCollector<long>(meterFactory!, CognitoAuthDiagnostics.MeterName, "cognitoauth.client.refreshes");
        using var failures = new MetricCollector<long>(meterFactory!, CognitoAuthDiagnostics.MeterName, "cognitoauth.client.failures");
        using var hits = new MetricCollector<long>(meterFactory!, CognitoAuthDiagnostics.MeterName, "cognitoauth.client.token_cache.hits");
        using var misses = new MetricCollector<long>(meterFactory!, CognitoAuthDiagnostics.MeterName, "cognitoauth.client.token_cache.misses");
        const string name = CognitoApiClientOptions.DefaultName;

        await harness.Tokens.GetTokensAsync(name);
        await harness.Tokens.GetTokensAsync(name);
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.Tokens.GetTokensAsync(name);
        harness.Cognito.ExpireRefreshTokens();
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.Tokens.GetTokensAsync(name);

        Assert.Equal(2, signIns.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(signIns.GetMeasurementSnapshot(), m =>
        {
            Assert.Equal("admin_user_password", m.Tags["flow"]);
            Assert.Equal("success", m.Tags["outcome"]);
        });
        Assert.Equal(["success", "failure"], refreshes.GetMeasurementSnapshot().Select(m => m.Tags["outcome"]));
        var failure = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal("refresh_token", failure.Tags["flow"]);
        Assert.Equal(CognitoErrorCodes.NotAuthorized, failure.Tags["outcome"]);
        Assert.Equal(1, hits.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(3, misses.GetMeasurementSnapshot().EvaluateAsCounter());
        var allTags = new[] { signIns, refreshes, failures }.SelectMany(c => c.GetMeasurementSnapshot()).SelectMany(m => m.Tags.Keys);
        Assert.All(allTags, key => Assert.Contains(key, new[] { "flow", "outcome" }));
    }

    [Fact]
    public async Task SignIn_StartsAnActivityOnTheNamedSource()
    {
        using var harness = new ClientHarness();

        // The listener is process-wide and other tests sign in concurrently: collect thread-safely, and keep only this
        // test's activities (children of a root started here, which the detached sign-in inherits).
        var activities = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CognitoAuthDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var root = new Activity("test-root").Start();

        await harness.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName);

        var activity = Assert.Single(activities, a => a.OperationName == "CognitoAuth.SignIn" && a.TraceId == root.TraceId);
        Assert.Equal("admin_user_password", activity.GetTagItem("flow"));
    }

    private static IEnumerable<string> Secrets(ClientHarness harness)
    {
        yield return "TempPass123!";
        yield return ClientHarness.NewPassword;
        yield return Secret;
        yield return FakeCognito.Hash(Secret, "testuser@example.com");
        yield return "-secret";    // every session and refresh token the fake issues ends with it
        foreach (var (_, request) in harness.Cognito.Calls)
        {
            switch (request)
            {
                case AdminRespondToAuthChallengeRequest respond:
                    yield return respond.Session!;
                    break;
                case AdminInitiateAuthRequest { AuthParameters: { } parameters } when parameters.TryGetValue("REFRESH_TOKEN", out var refresh):
                    yield return refresh;
                    break;
            }
        }

        foreach (var received in harness.Api.Requests)
        {
            if (received.Token is { } token)
            {
                yield return token;
                yield return token.Split('.')[1];
            }
        }
    }
}

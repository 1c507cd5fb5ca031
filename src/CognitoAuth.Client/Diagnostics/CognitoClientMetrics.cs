using System.Diagnostics.Metrics;

namespace CognitoAuth.Client.Diagnostics;

/// <summary>
/// The client's counters, created through <see cref="IMeterFactory"/> so each service provider (and each test) has its own.
/// Tags: <c>flow</c> (<c>admin_user_password</c>, <c>user_password</c>, <c>refresh_token</c>) and <c>outcome</c> — never a user name.
/// </summary>
internal sealed class CognitoClientMetrics
{
    public const string FlowTag = "flow";
    public const string OutcomeTag = "outcome";

    public const string RefreshTokenFlow = "refresh_token";

    public const string Success = "success";
    public const string Failed = "failure";

    private readonly Counter<long> _signIns;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;

    public CognitoClientMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(CognitoAuthDiagnostics.MeterName);
        _signIns = meter.CreateCounter<long>("cognitoauth.client.sign_ins", "{sign_in}", "Full sign-ins (initiate auth plus any challenge), by flow and outcome.");
        _refreshes = meter.CreateCounter<long>("cognitoauth.client.refreshes", "{refresh}", "REFRESH_TOKEN_AUTH calls, by outcome.");
        _failures = meter.CreateCounter<long>("cognitoauth.client.failures", "{failure}", "Failed sign-ins and refreshes, by flow and outcome (the error code).");
        _cacheHits = meter.CreateCounter<long>("cognitoauth.client.token_cache.hits", "{request}", "Token requests served from the cache.");
        _cacheMisses = meter.CreateCounter<long>("cognitoauth.client.token_cache.misses", "{request}", "Token requests that needed a sign-in or refresh.");
    }

    public void SignIn(string flow, bool succeeded) =>
        _signIns.Add(1, new(FlowTag, flow), new(OutcomeTag, succeeded ? Success : Failed));

    public void Refresh(bool succeeded) =>
        _refreshes.Add(1, new(FlowTag, RefreshTokenFlow), new(OutcomeTag, succeeded ? Success : Failed));

    /// <summary>Counts a failure; <paramref name="reason"/> is an error code or challenge name, never user data.</summary>
    public void Failure(string flow, string reason) =>
        _failures.Add(1, new(FlowTag, flow), new(OutcomeTag, reason));

    public void CacheHit() => _cacheHits.Add(1);

    public void CacheMiss() => _cacheMisses.Add(1);
}

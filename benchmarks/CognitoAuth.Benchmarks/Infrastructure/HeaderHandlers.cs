namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>
/// The floor of any bearer handler: sets a prebuilt <c>Authorization</c> value, and with a <paramref name="clock"/> also
/// reads the wall clock, as checking a token's expiry against it needs.
/// </summary>
internal sealed class HeaderHandler(string value, TimeProvider? clock = null) : DelegatingHandler
{
    public DateTimeOffset Now { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (clock is not null)
        {
            Now = clock.GetUtcNow();
        }

        request.Headers.TryAddWithoutValidation("Authorization", value);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Sets a prebuilt <c>Authorization</c> value and reads the tick count, as the Cognito handler does between its
/// once-a-second wall-clock checks. A class of its own rather than a delegate in <see cref="HeaderHandler"/>, which would
/// add a call to the very cost being measured.
/// </summary>
internal sealed class HeaderAndTickHandler(string value) : DelegatingHandler
{
    public long Ticks { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Ticks = Environment.TickCount64;
        request.Headers.TryAddWithoutValidation("Authorization", value);
        return base.SendAsync(request, cancellationToken);
    }
}

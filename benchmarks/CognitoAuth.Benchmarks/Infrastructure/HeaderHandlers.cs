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

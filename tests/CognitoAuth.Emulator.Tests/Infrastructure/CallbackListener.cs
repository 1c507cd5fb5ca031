using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>
/// The app's side of an interactive sign-in, as an RFC 8252 loopback redirect on <c>localhost:8400</c> (Contract 2's
/// callback URL): <c>GET /callback</c> takes the code and state, exchanges the code at the token endpoint with the PKCE
/// verifier the test registered for that state, calls <c>GET /hello</c> with the access token and shows the answer to the
/// browser; <c>GET /</c> is the sign-out landing. What each callback came to is kept for the test to assert. Binds both
/// loopback addresses (Chromium may resolve <c>localhost</c> to either).
/// </summary>
internal sealed class CallbackListener : IAsyncDisposable
{
    public const int Port = 8400;

    private readonly WebApplication _app;
    private readonly CognitoEmulator _emulator;
    private readonly HttpClient _http = new();
    private readonly ConcurrentDictionary<string, string> _verifiers = new(StringComparer.Ordinal);

    private CallbackListener(WebApplication app, CognitoEmulator emulator)
    {
        _app = app;
        _emulator = emulator;
    }

    /// <summary>What each callback came to, by state.</summary>
    public ConcurrentDictionary<string, CallbackResult> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Binds <c>localhost:8400</c>. Another test assembly (the client's interactive sign-in tests) may hold the fixed port for
    /// a while when the solution's test projects run side by side, so a port in use is retried for up to two minutes.
    /// </summary>
    public static async Task<CallbackListener> StartAsync(CognitoEmulator emulator)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (true)
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.ListenLocalhost(Port));
            var app = builder.Build();
            var listener = new CallbackListener(app, emulator);
            app.Run(listener.HandleAsync);
            try
            {
                await app.StartAsync();
                return listener;
            }
            catch (IOException) when (DateTimeOffset.UtcNow < deadline)
            {
                await listener.DisposeAsync();
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>Registers the PKCE verifier of an authorize request, by its state.</summary>
    public void Expect(string state, string verifier) => _verifiers[state] = verifier;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started (the port was in use).
        }

        await _app.DisposeAsync();
        _http.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        if (context.Request.Path == "/")
        {
            await context.Response.WriteAsync("<!DOCTYPE html><title>Signed out</title><p>Signed out.</p>");
            return;
        }

        var code = context.Request.Query["code"].ToString();
        var state = context.Request.Query["state"].ToString();
        if (context.Request.Path != "/callback" || code.Length == 0 || !_verifiers.TryGetValue(state, out var verifier))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("<!DOCTYPE html><title>Unexpected</title><p>Not a callback this test expected.</p>");
            return;
        }

        var form = $"grant_type=authorization_code&client_id={_emulator.ClientId}&code={Uri.EscapeDataString(code)}"
            + $"&redirect_uri={Uri.EscapeDataString(TestBrowser.Callback)}&code_verifier={verifier}";
        using var tokenResponse = await _http.PostAsync(_emulator.TokenEndpoint, new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var tokens = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement;
        string? hello = null;
        if (tokenResponse.StatusCode == HttpStatusCode.OK)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_emulator.ApiUrl, "hello"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
            using var helloResponse = await _http.SendAsync(request);
            hello = await helloResponse.Content.ReadAsStringAsync();
        }

        Results[state] = new CallbackResult(tokenResponse.StatusCode, tokens.Clone(), hello);
        await context.Response.WriteAsync($"<!DOCTYPE html><title>Signed in</title><p>Token endpoint: {(int)tokenResponse.StatusCode}</p><p id=\"hello\">{WebUtility.HtmlEncode(hello)}</p>");
    }
}

/// <summary>What a callback came to: the token endpoint's status and answer, and what <c>GET /hello</c> said with the access token.</summary>
internal sealed record CallbackResult(HttpStatusCode TokenStatus, JsonElement Tokens, string? Hello)
{
    public override string ToString() => $"CallbackResult {{ TokenStatus = {TokenStatus}, Hello = {Hello} }}";
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>
/// A protected API stand-in on a loopback port for peers that have no API front (cognito-local): it records the
/// Authorization header of every request and answers as the reference function does.
/// </summary>
public sealed class RecordingApi : IAsyncDisposable
{
    public const string Hello = "Hello from a protected API!";

    private readonly WebApplication _app;

    private RecordingApi(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public static async Task<RecordingApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        RecordingApi? api = null;
        app.MapGet("/hello", (HttpRequest request) =>
        {
            api!.Authorizations.Enqueue(request.Headers.Authorization.ToString());
            return Results.Text(Hello);
        });
        await app.StartAsync();
        api = new RecordingApi(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

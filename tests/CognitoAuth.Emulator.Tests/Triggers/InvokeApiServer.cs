using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>One request the stand-in Invoke API received.</summary>
internal sealed record RecordedInvocation(string Method, string Path, string Query, IHeaderDictionary Headers, byte[] Body)
{
    /// <summary>The function name of <c>/2015-03-31/functions/{NAME}/invocations</c>.</summary>
    public string FunctionName => Path.Split('/')[3];
}

/// <summary>What the stand-in answers: a status, headers, a body.</summary>
internal sealed record InvokeApiAnswer(int Status, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A stand-in for AWS Lambda's Invoke API (what <c>sam local start-lambda</c> serves) on a free loopback port: it records
/// every request and answers with what the test's function says. Started and stopped by the test.
/// </summary>
internal sealed class InvokeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InvokeApiServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The endpoint, ending with '/': what <c>--lambda-endpoint</c> takes.</summary>
    public Uri Url { get; }

    public ConcurrentQueue<RecordedInvocation> Requests { get; } = new();

    public static async Task<InvokeApiServer> StartAsync(Func<RecordedInvocation, InvokeApiAnswer> answer)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        InvokeApiServer? server = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var recorded = new RecordedInvocation(
                context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.QueryString.Value?.TrimStart('?') ?? string.Empty,
                new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase)), body.ToArray());
            server!.Requests.Enqueue(recorded);
            var reply = answer(recorded);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.Body.WriteAsync(reply.Body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new InvokeApiServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using CognitoAuth.Emulator.Api;
using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Faults;
using CognitoAuth.Emulator.Local;
using CognitoAuth.Emulator.OAuth;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.SignIn;
using CognitoAuth.Emulator.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Hosting;

/// <summary>
/// The emulator's composition root: one ASP.NET Core app with two loopback listeners, each a pipeline and a route group of
/// its own. The Cognito listener (<see cref="CognitoRoutes"/>) serves the JSON 1.1 API, the pools' well-known documents,
/// the pool domain (OAuth 2.0 and managed login, the sign-in engine's two adapters being the JSON API and managed login)
/// and the local page; the API listener serves the HTTP APIs. The services are singletons in DI; those that serve the stack
/// are made on their first request, which reaches the routes only once <see cref="Serve"/> has put the stack in place.
/// </summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Listeners _listeners;

    private EmulatorHost(WebApplication app, Listeners listeners, RequestCounters cognitoRequests, RequestCounters apiRequests, CognitoFaults faults)
    {
        _app = app;
        _listeners = listeners;
        CognitoRequests = cognitoRequests;
        ApiRequests = apiRequests;
        Faults = faults;
    }

    public RequestCounters CognitoRequests { get; }

    public RequestCounters ApiRequests { get; }

    public CognitoFaults Faults { get; }

    /// <summary>The Cognito endpoint, <c>http://127.0.0.1:{port}/</c>, once <see cref="StartAsync"/> has bound it.</summary>
    public Uri CognitoEndpoint => _listeners.CognitoEndpoint;

    /// <summary>The HTTP API listener's root, once bound.</summary>
    public Uri ApiUrl => _listeners.ApiUrl;

    public static EmulatorHost Create(CognitoEmulatorOptions options, PoolDirectory directory, ILoggerFactory loggerFactory)
    {
        var listeners = new Listeners(options.CognitoPort, options.ApiPort);
        var (cognitoRequests, apiRequests, faults) = (new RequestCounters(), new RequestCounters(), new CognitoFaults());
        var (time, logger) = (options.TimeProvider, loggerFactory.CreateLogger("CognitoAuth.Emulator"));
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(listeners.Configure);
        var services = builder.Services;
        services.AddRoutingCore();
        services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(_ => listeners.Stack);
        static Action? Commit(IServiceProvider services) => services.GetRequiredService<ServedStack>().Commit;

        // The domain: pools, users and sessions, and the sign-in engine over them.
        services.AddSingleton(directory);
        services.AddSingleton<SignInEngine>();
        services.AddSingleton(new RequestLog(time));

        // The engine's first adapter, the JSON 1.1 API: the operation table, SigV4, faults, the data directory after a change.
        services.AddSingleton(sp => new CognitoEndpoint(
            CognitoOperation.All(directory, sp.GetRequiredService<SignInEngine>(), options.Region),
            new SigV4Verifier(options.AccessKeyId, options.SecretAccessKey, options.Region, options.SignatureTimeProvider),
            directory, Commit(sp), cognitoRequests,
            new FaultInjector(faults, time, sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping, logger), logger));

        // The pool domain: OAuth 2.0, and the engine's second adapter, managed login; the emulator's own page.
        services.AddSingleton(sp => new TokenEndpoint(directory, Commit(sp), logger));
        services.AddSingleton(sp => new ManagedLoginEndpoint(directory, sp.GetRequiredService<SignInEngine>(), Commit(sp)));
        services.AddSingleton<UserInfoEndpoint>();
        services.AddSingleton(sp => new RevocationEndpoint(directory, Commit(sp)));
        services.AddSingleton(sp => new LocalPage(directory, sp.GetRequiredService<RequestLog>(), listeners.ApiUrl, new LocalActions(directory, Commit(sp))));

        // The HTTP APIs: API Gateway's routes, JWT authorizers and Lambda integrations.
        services.AddSingleton(sp => new HttpApiEndpoint(sp.GetRequiredService<ServedStack>().Apis, apiRequests, time, logger, directory.Lambdas));

        var app = builder.Build();
        app.MapWhen(listeners.ToCognito, cognito => cognito
            .Use(CognitoRoutes.PrepareAsync)
            .UseRouting()
            .UseEndpoints(routes => CognitoRoutes.Map(routes, cognitoRequests)));
        app.MapWhen(listeners.ToApi, api => api
            .Use(static (context, next) => LoggedAsync(context, next, api: true))
            .UseRouting()
            .UseEndpoints(routes =>
                // One route: API Gateway selects among an API's routes by its own rules (case-sensitive paths, greedy
                // {proxy+}, $default, stages; HttpApiEndpoint and ApiRoute.Select), which are not ASP.NET Core's.
                routes.Map("{**path}", static context => context.RequestServices.GetRequiredService<HttpApiEndpoint>().HandleAsync(context))));

        // Neither listener's routes take a request yet (Listeners says when): 503.
        app.Run(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        return new EmulatorHost(app, listeners, cognitoRequests, apiRequests, faults);
    }

    /// <summary>Binds both listeners (a failure, such as a port in use, leaves nothing behind); the routes take requests once <see cref="Serve"/> is called.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens both route groups on <paramref name="stack"/>; from then on the page's request log also hears of every trigger
    /// run (with the request whose async flow ran it).
    /// </summary>
    public void Serve(ServedStack stack)
    {
        if (_app.Services.GetRequiredService<PoolDirectory>().Lambdas is { } lambdas)
        {
            lambdas.Observer = _app.Services.GetRequiredService<RequestLog>().Observe;
        }

        _listeners.Open(stack);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override string ToString() => $"EmulatorHost {{ {_listeners} }}";

    private static async Task LoggedAsync(HttpContext context, RequestDelegate next, bool api)
    {
        var requestLog = context.RequestServices.GetRequiredService<RequestLog>();
        requestLog.Begin();
        try
        {
            await next(context);
        }
        finally
        {
            requestLog.Record(context, api);
        }
    }
}

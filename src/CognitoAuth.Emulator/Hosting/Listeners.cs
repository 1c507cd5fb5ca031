using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CognitoAuth.Emulator.Hosting;

/// <summary>
/// The emulator's two loopback listeners, and which one a request came in on. Kestrel learns a port of 0 only when it binds,
/// and the stack is deployed after that (its issuer names the Cognito port), so each listener's routes take requests only
/// once <see cref="Open"/> has been given the stack. Until then a request reaches neither route group and gets a 503; only
/// a fixed port can be asked that early, a free one is known to nobody yet.
/// </summary>
internal sealed class Listeners(int cognitoPort, int apiPort)
{
    private ListenOptions? _cognito;
    private ListenOptions? _api;
    private ServedStack? _stack;

    // 0 (no request comes in on port 0) until the stack is served.
    private int _openCognitoPort;
    private int _openApiPort;

    /// <summary>The Cognito endpoint, once bound: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri CognitoEndpoint => Url(_cognito);

    /// <summary>The HTTP API's root, once bound: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri ApiUrl => Url(_api);

    /// <summary>The stack served; only the route groups ask for it, and they take requests only once it is set.</summary>
    public ServedStack Stack => Volatile.Read(ref _stack) ?? throw new InvalidOperationException("The emulator serves no stack yet.");

    public void Configure(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        kestrel.Listen(IPAddress.Loopback, cognitoPort, listen => _cognito = listen);
        kestrel.Listen(IPAddress.Loopback, apiPort, listen => _api = listen);
    }

    /// <summary>Lets requests through to the route groups, which serve <paramref name="stack"/>.</summary>
    public void Open(ServedStack stack)
    {
        // The stack first: a request that sees a port open finds the stack set.
        Volatile.Write(ref _stack, stack);
        Volatile.Write(ref _openCognitoPort, CognitoEndpoint.Port);
        Volatile.Write(ref _openApiPort, ApiUrl.Port);
    }

    public bool ToCognito(HttpContext context) => context.Connection.LocalPort == Volatile.Read(ref _openCognitoPort);

    public bool ToApi(HttpContext context) => context.Connection.LocalPort == Volatile.Read(ref _openApiPort);

    private static Uri Url(ListenOptions? listener) =>
        new($"http://127.0.0.1:{((IPEndPoint)(listener ?? throw new InvalidOperationException("The emulator is not bound yet.")).EndPoint).Port}/");

    public override string ToString() => $"Listeners {{ Cognito = {_openCognitoPort}, Api = {_openApiPort} }}";
}

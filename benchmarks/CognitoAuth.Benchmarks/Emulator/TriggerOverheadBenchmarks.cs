using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using CognitoAuth.Benchmarks.Infrastructure;
using CognitoAuth.Client.Cognito.Signing;
using CognitoAuth.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Benchmarks.Emulator;

/// <summary>
/// Target 8 (issue 22): what a Lambda trigger adds to a sign-in. Three pools of one in-process emulator, each with a
/// confirmed user signed in by <c>InitiateAuth</c> (USER_PASSWORD_AUTH) over loopback, one request after another: no
/// trigger; a PreAuthentication trigger run in-process (a delegate of <see cref="CognitoEmulatorOptions.LambdaFunctions"/>
/// that answers the event as it came); the same trigger through AWS Lambda's Invoke API (<c>--lambda-endpoint</c>: a
/// loopback stand-in for <c>sam local start-lambda</c> that answers the body it got, SigV4 signing and all). The difference
/// of the medians is the trigger's cost.
/// </summary>
[MemoryDiagnoser]
[MacroJob(iterations: 15)]
public class TriggerOverheadBenchmarks
{
    private const int Batch = 50;
    private const string Password = "Bench-Passw0rd!";

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });
    private WebApplication _invokeApi = null!;
    private CognitoEmulator _emulator = null!;
    private SignInRequests _none = null!;
    private SignInRequests _delegate = null!;
    private SignInRequests _remote = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _invokeApi = builder.Build();
        _invokeApi.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(body.ToArray());
        });
        await _invokeApi.StartAsync();
        var invokeApiUrl = new Uri(_invokeApi.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");

        var options = new CognitoEmulatorOptions { SeedTestUser = false, LambdaEndpoint = invokeApiUrl };
        options.LambdaFunctions["bench-delegate"] = (evt, _) => Task.FromResult<JsonNode?>(evt);
        _emulator = await CognitoEmulator.StartAsync(options);
        _none = await PoolAsync("none", null);
        _delegate = await PoolAsync("delegate", "bench-delegate");
        _remote = await PoolAsync("remote", "bench-remote");
        foreach (var pool in (SignInRequests[])[_none, _delegate, _remote])
        {
            await pool.AccessTokenAsync(_http, "InitiateAuth");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
        await _invokeApi.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "sign-in, no trigger")]
    public Task NoTrigger() => SignInsAsync(_none);

    [Benchmark(OperationsPerInvoke = Batch, Description = "sign-in, PreAuthentication in-process (delegate)")]
    public Task InProcessDelegate() => SignInsAsync(_delegate);

    [Benchmark(OperationsPerInvoke = Batch, Description = "sign-in, PreAuthentication through the Invoke API (loopback)")]
    public Task InvokeApi() => SignInsAsync(_remote);

    private async Task SignInsAsync(SignInRequests pool)
    {
        for (var i = 0; i < Batch; i++)
        {
            using var request = pool.Create("InitiateAuth");
            using var response = await _http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>A pool with a PreAuthentication trigger of that function (none when null), its client and a confirmed user, made over the wire.</summary>
    private async Task<SignInRequests> PoolAsync(string name, string? function)
    {
        object? lambdaConfig = function is null ? null : new { PreAuthentication = $"arn:aws:lambda:{_emulator.Region}:123456789012:function:{function}" };
        var poolId = (await CallAsync("CreateUserPool", new { PoolName = name, LambdaConfig = lambdaConfig })).GetProperty("UserPool").GetProperty("Id").GetString()!;
        var clientId = (await CallAsync("CreateUserPoolClient", new { UserPoolId = poolId, ClientName = name, ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" } }))
            .GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;
        await CallAsync("AdminCreateUser", new { UserPoolId = poolId, Username = "bench", MessageAction = "SUPPRESS" });
        await CallAsync("AdminSetUserPassword", new { UserPoolId = poolId, Username = "bench", Password, Permanent = true });
        var credentials = new ImmutableCredentials(_emulator.Credentials.AccessKeyId, _emulator.Credentials.SecretAccessKey, null);
        return new SignInRequests(_emulator.CognitoEndpoint, _emulator.Region, poolId, clientId, "bench", Password, credentials);
    }

    private async Task<JsonElement> CallAsync(string operation, object input)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(input);
        using var request = new HttpRequestMessage(HttpMethod.Post, _emulator.CognitoEndpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSCognitoIdentityProviderService.{operation}");
        SigV4Signer.Sign(request, body, new ImmutableCredentials(_emulator.Credentials.AccessKeyId, _emulator.Credentials.SecretAccessKey, null),
            _emulator.Region, SigV4Signer.CognitoService, TimeProvider.System.GetUtcNow());
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(Encoding.UTF8.GetBytes(text)).RootElement.Clone()
            : throw new InvalidOperationException($"{operation}: {(int)response.StatusCode} {text}");
    }
}

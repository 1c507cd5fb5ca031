using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using CognitoAuth.Client.Cognito.Signing;
using CognitoAuth.Benchmarks.Infrastructure;
using CognitoAuth.Emulator;

namespace CognitoAuth.Benchmarks.Emulator;

/// <summary>
/// Target 3c: ListUsers with a filter on a pool of 10,000 users, over HTTP and SigV4-signed as the AWS CLI sends it (the
/// issue asks for well under 100 ms). The exact-match filter finds one user near the end of the pool (a full scan); the
/// prefix filter matches 1,111 users and answers the first page of 60.
/// </summary>
[MemoryDiagnoser]
[MacroJob(iterations: 10)]
public class ListUsersBenchmarks
{
    private const int Users = 10_000;

    private readonly HttpClient _http = new();
    private CognitoEmulator _emulator = null!;
    private ImmutableCredentials _credentials = null!;

    [Params("email = \"user-9876@example.com\"", "email ^= \"user-1\"")]
    public string Filter { get; set; } = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SeedTestUser = false });
        for (var i = 0; i < Users; i++)
        {
            _emulator.CreateUser($"user-{i}@example.com", "BenchPass123!", permanent: true);
        }

        _credentials = new ImmutableCredentials(_emulator.Credentials.AccessKeyId, _emulator.Credentials.SecretAccessKey, null);
        var count = await ListUsersAsync();
        if (count != (Filter.Contains("^=", StringComparison.Ordinal) ? 60 : 1))
        {
            throw new InvalidOperationException($"ListUsers with {Filter} answered {count} users");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Benchmark(Description = "ListUsers with a filter, 10,000 users")]
    public Task<int> ListUsersAsync() => SendAsync();

    private async Task<int> SendAsync()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["UserPoolId"] = _emulator.UserPoolId, ["Filter"] = Filter });
        using var request = new HttpRequestMessage(HttpMethod.Post, _emulator.CognitoEndpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUsers");
        SigV4Signer.Sign(request, body, _credentials, _emulator.Region, SigV4Signer.CognitoService, TimeProvider.System.GetUtcNow());
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(Encoding.UTF8.GetBytes(text)).RootElement.GetProperty("Users").GetArrayLength()
            : throw new InvalidOperationException($"ListUsers answered {(int)response.StatusCode}: {text}");
    }
}

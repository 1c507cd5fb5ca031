using System.Text.Json.Nodes;
using CognitoAuth.Testing.Peers;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>An xunit fixture around <see cref="CognitoLocalProcess"/>: one cognito-local for a test class.</summary>
public sealed class CognitoLocalServer : IAsyncLifetime
{
    private CognitoLocalProcess _process = null!;

    public Uri Endpoint => _process.Endpoint;

    public async Task InitializeAsync() => _process = await CognitoLocalProcess.StartAsync();

    public Task<JsonNode> CallAsync(string operation, object request) => _process.CallAsync(operation, request);

    public Task<(string PoolId, string ClientId)> CreatePoolAndClientAsync() => _process.CreatePoolAndClientAsync("compat");

    public Task CreateConfirmedUserAsync(string poolId, string email, string password) => _process.CreateConfirmedUserAsync(poolId, email, password);

    public async Task DisposeAsync() => await _process.DisposeAsync();
}

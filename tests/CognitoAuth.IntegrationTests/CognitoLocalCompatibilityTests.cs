using Amazon.Runtime;
using CognitoAuth.Client;
using CognitoAuth.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The client against cognito-local, an emulator written by others, for the flows cognito-local supports: the
/// user-password flow with NEW_PASSWORD_REQUIRED, the admin flow for a confirmed user, refresh, and AdminCreateUser.
/// </summary>
public sealed class CognitoLocalCompatibilityTests(CognitoLocalServer cognitoLocal) : IClassFixture<CognitoLocalServer>, IAsyncLifetime
{
    private const string TemporaryPassword = "TempPass123!";
    private const string NewPassword = "NewSecurePass123!";

    private RecordingApi _api = null!;
    private string _poolId = null!;
    private string _clientId = null!;

    public async Task InitializeAsync()
    {
        _api = await RecordingApi.StartAsync();
        (_poolId, _clientId) = await cognitoLocal.CreatePoolAndClientAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task UserPasswordFlow_TemporaryPassword_AnswersNewPasswordRequiredAndCallsTheApi()
    {
        var username = "compat-user@example.com";
        using var host = await StartClientAsync(username, CognitoAuthFlow.UserPassword);
        await host.Services.GetRequiredService<ICognitoUserCreator>()
            .CreateUserAsync(CognitoApiClientOptions.DefaultName, username, TemporaryPassword, new Dictionary<string, string> { ["email"] = username });

        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName);
        var answer = await http.GetStringAsync(new Uri("hello", UriKind.Relative));

        Assert.Equal(RecordingApi.Hello, answer);
        var tokens = await host.Services.GetRequiredService<ICognitoTokenProvider>().GetTokensAsync(CognitoApiClientOptions.DefaultName);
        Assert.Equal($"Bearer {tokens.AccessToken}", Assert.Single(_api.Authorizations));
        Assert.Equal("access", Jwt.Claim(tokens.AccessToken, "token_use"));
        Assert.NotNull(tokens.RefreshToken);

        // The temporary password is gone: cognito-local now knows only the new one.
        var user = await cognitoLocal.CallAsync("AdminGetUser", new { UserPoolId = _poolId, Username = username });
        Assert.Equal("CONFIRMED", user["UserStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_ForcedRenewal_UsesTheRefreshTokenAndKeepsIt()
    {
        var username = "refresh-user@example.com";
        await CreateConfirmedUserAsync(username);
        using var host = await StartClientAsync(username, CognitoAuthFlow.UserPassword, password: NewPassword);
        var provider = host.Services.GetRequiredService<ICognitoTokenProvider>();
        var first = await provider.GetTokensAsync(CognitoApiClientOptions.DefaultName);

        // cognito-local's tokens are second-granular: make sure the renewed one differs.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var renewed = await provider.GetTokensAsync(CognitoApiClientOptions.DefaultName, forceRenewal: true);

        Assert.NotEqual(first.AccessToken, renewed.AccessToken);
        Assert.Equal(first.RefreshToken, renewed.RefreshToken);
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName);
        Assert.Equal(RecordingApi.Hello, await http.GetStringAsync(new Uri("hello", UriKind.Relative)));
        Assert.Equal($"Bearer {renewed.AccessToken}", Assert.Single(_api.Authorizations));
    }

    [Fact]
    public async Task AdminFlow_ConfirmedUser_SignsInWithSignedAdminInitiateAuth()
    {
        var username = "admin-user@example.com";
        await CreateConfirmedUserAsync(username);
        using var host = await StartClientAsync(username, CognitoAuthFlow.AdminUserPassword, password: NewPassword);

        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName);
        Assert.Equal(RecordingApi.Hello, await http.GetStringAsync(new Uri("hello", UriKind.Relative)));

        var token = Assert.Single(_api.Authorizations)!["Bearer ".Length..];
        Assert.Equal(_clientId, Jwt.Claim(token, "client_id"));
    }

    [Fact]
    public async Task WrongPassword_FailsWithATypedNonRetryableError()
    {
        var username = "wrong-password@example.com";
        await CreateConfirmedUserAsync(username);
        using var host = await StartClientAsync(username, CognitoAuthFlow.UserPassword, password: "Wrong-Pass-999!");

        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName);
        var exception = await Assert.ThrowsAsync<CognitoException>(() => http.GetStringAsync(new Uri("hello", UriKind.Relative)));

        // Real Cognito says NotAuthorizedException ("Incorrect username or password."); cognito-local says
        // InvalidPasswordException. Either way: typed, not retried, and nothing reaches the API.
        Assert.Contains(exception.ErrorCode, new[] { CognitoErrorCodes.NotAuthorized, CognitoErrorCodes.InvalidPassword });
        Assert.False(exception.IsRetryable);
        Assert.Empty(_api.Authorizations);
    }

    private Task CreateConfirmedUserAsync(string username) => cognitoLocal.CreateConfirmedUserAsync(_poolId, username, NewPassword);

    private async Task<IHost> StartClientAsync(string username, CognitoAuthFlow flow, string password = TemporaryPassword)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        // cognito-local checks no signature, but the admin calls are signed all the same: give them credentials.
        builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("AKIDCOGNITOLOCAL", "cognito-local-ignores-this"));
        builder.Services.AddCognitoApiClient(options =>
        {
            options.UserPoolId = _poolId;
            options.ClientId = _clientId;
            options.Username = username;
            options.Password = password;
            options.NewPassword = NewPassword;
            options.AuthFlow = flow;
            options.ServiceUrl = cognitoLocal.Endpoint;
            options.ApiBaseAddress = _api.BaseAddress;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Tests.Configuration;

/// <summary>
/// Options are read through <see cref="IOptionsMonitor{TOptions}"/>: a configuration reload (a rotated password or secret,
/// another user) takes effect without a restart, and another identity never gets the old one's tokens.
/// </summary>
public sealed class OptionsReloadTests
{
    private const string Name = "reloadable";
    private static readonly Uri Hello = new("hello", UriKind.Relative);

    [Fact]
    public async Task Reload_RotatedPassword_IsUsedAtTheNextSignIn()
    {
        var (harness, configuration) = Start();
        using var _ = harness;
        await harness.Tokens.GetTokensAsync(Name);
        harness.Cognito.Password = "Rotated-Pass-456!"; // rotated in the secrets store and in Cognito
        await harness.Tokens.SignOutAsync(Name);

        configuration["Password"] = "Rotated-Pass-456!";
        configuration.Reload();
        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.NotNull(tokens.AccessToken);
        Assert.Equal("Rotated-Pass-456!", harness.Cognito.Requests<AdminInitiateAuthRequest>().Last().AuthParameters!["PASSWORD"]);
        Assert.Equal(2, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task Reload_AnotherUser_DropsTheOldUsersTokensAndSignsInTheNewOne()
    {
        var (harness, configuration) = Start();
        using var _ = harness;
        harness.Cognito.CognitoUsername = "5b1f2c3d-user-uuid";
        var store = harness.Services.GetRequiredService<ICognitoTokenStore>();
        var old = await harness.Tokens.GetTokensAsync(Name);
        var oldKey = harness.Client(Name).Context.StoreKey;

        configuration["Username"] = "5b1f2c3d-user-uuid";
        configuration.Reload();
        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.NotEqual(old.AccessToken, tokens.AccessToken);
        Assert.Equal(2, harness.Cognito.SignIns);
        Assert.Equal("5b1f2c3d-user-uuid", harness.Cognito.Requests<AdminInitiateAuthRequest>().Last().AuthParameters!["USERNAME"]);
        Assert.NotEqual(oldKey, harness.Client(Name).Context.StoreKey);
        Assert.Null(await store.GetAsync(oldKey, CancellationToken.None));
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "IdentityChanged");
    }

    [Fact]
    public async Task Reload_AnotherUser_TheOldUsersEntryIsDroppedEvenWhenTheRequestThatNoticedIsCancelled()
    {
        var store = new GatedRemoveStore();
        var (harness, configuration) = Start(s => s.AddSingleton<ICognitoTokenStore>(store));
        using var _ = harness;
        harness.Cognito.CognitoUsername = "5b1f2c3d-user-uuid";
        await harness.Tokens.GetTokensAsync(Name);
        var oldKey = harness.Client(Name).Context.StoreKey;
        Assert.True(store.Entries.ContainsKey(oldKey));

        configuration["Username"] = "5b1f2c3d-user-uuid";
        configuration.Reload();
        store.RemoveGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        var request = harness.Tokens.GetTokensAsync(Name, cancellationToken: cancel.Token);
        await store.Removing.Task;
        await cancel.CancelAsync(); // the caller gives up while the old user's entry is being removed
        store.RemoveGate.SetResult();
        try
        {
            await request;
        }
        catch (OperationCanceledException)
        {
            // Either outcome is the caller's; what matters is the store.
        }

        Assert.False(Assert.Single(store.RemovedWith).CanBeCanceled);
        Assert.False(store.Entries.ContainsKey(oldKey)); // the old user's refresh token does not outlive the change
    }

    [Fact]
    public async Task Reload_ANameStillServingTheOldUser_KeepsItsTokens()
    {
        var (harness, configuration) = Start(s => s.AddCognitoApiClient("same-user", ClientHarness.Defaults));
        using var _ = harness;
        harness.Cognito.CognitoUsername = "5b1f2c3d-user-uuid";
        var shared = await harness.Tokens.GetTokensAsync(Name);
        Assert.Equal(shared.AccessToken, (await harness.Tokens.GetTokensAsync("same-user")).AccessToken);

        configuration["Username"] = "5b1f2c3d-user-uuid";
        configuration.Reload();
        await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(shared.AccessToken, (await harness.Tokens.GetTokensAsync("same-user")).AccessToken);
        Assert.Equal(2, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task Reload_SameIdentityOtherSettings_KeepsTheTokens()
    {
        var (harness, configuration) = Start();
        using var _ = harness;
        var first = await harness.Tokens.GetTokensAsync(Name);

        configuration["RefreshBefore"] = "00:02:00";
        configuration.Reload();

        Assert.Equal(first.AccessToken, (await harness.Tokens.GetTokensAsync(Name)).AccessToken);
        Assert.Equal(TimeSpan.FromMinutes(2), harness.Client(Name).Context.Options.RefreshBefore);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task Reload_InvalidOptions_IsReportedAndTheClientKeepsItsLastValidOptions()
    {
        var (harness, configuration) = Start();
        using var _ = harness;
        var first = await harness.Tokens.GetTokensAsync(Name);

        // .NET's options monitor validates the new options as it reloads them, and reports the failure there.
        configuration["ApiBaseAddress"] = "http://api.example.com/";
        var invalid = Assert.ThrowsAny<Exception>(configuration.Reload);
        var validation = Assert.IsType<OptionsValidationException>(invalid.InnerException ?? invalid);
        Assert.Contains("ApiBaseAddress", validation.Message, StringComparison.Ordinal);

        Assert.Equal(first.AccessToken, (await harness.Tokens.GetTokensAsync(Name)).AccessToken);
        Assert.Equal(ClientHarness.ApiBase, harness.Client(Name).Context.ApiBaseAddress);

        configuration["ApiBaseAddress"] = "https://other-api.example.com/";
        configuration.Reload();
        Assert.Equal(new Uri("https://other-api.example.com/"), harness.Client(Name).Context.ApiBaseAddress);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task Reload_AnotherApi_TheHandlerSendsTheTokenOnlyToTheNewOrigin()
    {
        var (harness, configuration) = Start(s => s.AddHttpClient(Name).ConfigurePrimaryHttpMessageHandler(() => new StubApi()));
        using var _ = harness;
        using var http = harness.CreateHttpClient(Name);
        await http.GetStringAsync(new Uri(ClientHarness.ApiBase, Hello));

        configuration["ApiBaseAddress"] = "https://other-api.example.com/";
        configuration.Reload();

        // The old origin is not the API any more: its requests go out without the token.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ClientHarness.ApiBase, Hello));
        using var response = await http.SendAsync(request);
        Assert.Null(request.Headers.Authorization);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "TokenWithheldFromOtherOrigin");
    }

    private static (ClientHarness Harness, IConfigurationRoot Configuration) Start(Action<IServiceCollection>? services = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UserPoolId"] = FakeCognito.PoolId,
            ["ClientId"] = FakeCognito.ClientId,
            ["Username"] = "testuser@example.com",
            ["Password"] = "TempPass123!",
            ["ApiBaseAddress"] = ClientHarness.ApiBase.ToString(),
        }).Build();
        var harness = new ClientHarness(services: s =>
        {
            s.AddCognitoApiClient(Name, configuration);
            services?.Invoke(s);
        });
        return (harness, configuration);
    }
}

using System.Text.Json;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>
/// A pool a test creates over the wire, as a team's own setup would: plain usernames, self sign-up, email auto-verified,
/// a relaxed password policy, and one app client with the password and refresh flows.
/// </summary>
internal sealed record TestPool(CognitoTestClient Client, string PoolId, string ClientId)
{
    public const string Password = "Passw0rd!";

    /// <param name="lambdaConfig">The pool's <c>LambdaConfig</c> (its triggers), or <see langword="null"/> for none.</param>
    public static async Task<TestPool> CreateAsync(CognitoTestClient client, string name = "team-pool", object? extraClientSettings = null, object? lambdaConfig = null)
    {
        var pool = await client.CallAsync("CreateUserPool", new
        {
            PoolName = name,
            AutoVerifiedAttributes = new[] { "email" },
            Policies = new { PasswordPolicy = new { MinimumLength = 8, RequireNumbers = true, RequireSymbols = true } },
            LambdaConfig = lambdaConfig,
        });
        pool.AssertOk();
        var poolId = pool.Get("UserPool", "Id");
        var appClient = await client.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = poolId,
            ClientName = name + "-client",
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        });
        appClient.AssertOk();
        return new TestPool(client, poolId, appClient.Get("UserPoolClient", "ClientId"));
    }

    /// <summary>Signs a user up and confirms it with the code from the inbox.</summary>
    public async Task SignUpConfirmedAsync(string username, string email, string password = Password)
    {
        (await Client.CallAsync("SignUp", new { ClientId, Username = username, Password = password, UserAttributes = new[] { new { Name = "email", Value = email } } })).AssertOk();
        var code = Client.Emulator.Inbox.LatestTo(email)!.Code;
        (await Client.CallAsync("ConfirmSignUp", new { ClientId, Username = username, ConfirmationCode = code })).AssertOk();
    }

    public Task<CognitoResponse> SignInAsync(string username, string password = Password) =>
        Client.CallAsync("InitiateAuth", new { ClientId, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password } });

    public Task<CognitoResponse> CallAsync(string operation, object input) => Client.CallAsync(operation, input);

    public static JsonElement Claims(string token) => JsonDocument.Parse(TokenForge.Payload(token).ToJsonString()).RootElement;
}

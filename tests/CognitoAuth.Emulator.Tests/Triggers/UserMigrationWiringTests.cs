using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>
/// The UserMigration trigger at sign-in: a user the pool does not know, whom the old store knows, is created with the
/// answer's attributes and status and the password typed, and signs in; a refusal creates nobody.
/// </summary>
public sealed class UserMigrationWiringTests
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:migrate";

    [Fact]
    public async Task UnknownUserKnownToTheOldStore_SignsInOnceMigratedAndTheFunctionRunsOnlyOnce()
    {
        var calls = 0;
        await using var emulator = await StartAsync(evt =>
        {
            Interlocked.Increment(ref calls);
            if (evt["request"]!["password"]!.GetValue<string>() != TestPool.Password)
            {
                throw new InvalidOperationException("Bad password");
            }

            evt["response"]!["userAttributes"] = new JsonObject { ["email"] = "old@example.com", ["email_verified"] = "true" };
            evt["response"]!["finalUserStatus"] = "CONFIRMED";
            evt["response"]!["messageAction"] = "SUPPRESS";
            return evt;
        });
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { UserMigration = Arn });

        var first = await pool.SignInAsync("olduser");
        var second = await pool.SignInAsync("olduser");
        var user = await pool.CallAsync("AdminGetUser", new { UserPoolId = pool.PoolId, Username = "olduser" });

        first.AssertOk();
        second.AssertOk();
        Assert.Equal(1, calls);
        user.AssertOk();
        Assert.Equal("CONFIRMED", user.Get("UserStatus"));
        Assert.Equal("old@example.com", TestPool.Claims(first.Get("AuthenticationResult", "IdToken")).GetProperty("email").GetString());
    }

    [Fact]
    public async Task FunctionRefuses_SignInFailsWithItsErrorAndNoUserIsCreated()
    {
        await using var emulator = await StartAsync(_ => throw new InvalidOperationException("Bad password"));
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { UserMigration = Arn });

        var refused = await pool.SignInAsync("olduser", "wrong-Passw0rd!");
        var user = await pool.CallAsync("AdminGetUser", new { UserPoolId = pool.PoolId, Username = "olduser" });

        refused.AssertError("UserLambdaValidationException", "UserMigration failed with error Bad password.");
        user.AssertError("UserNotFoundException");
    }

    [Fact]
    public async Task ResetRequired_MigratedUserMustResetThePassword()
    {
        await using var emulator = await StartAsync(evt =>
        {
            evt["response"]!["userAttributes"] = new JsonObject { ["email"] = "old@example.com" };
            evt["response"]!["finalUserStatus"] = "RESET_REQUIRED";
            return evt;
        });
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client, lambdaConfig: new { UserMigration = Arn });

        var refused = await pool.SignInAsync("olduser");
        var user = await pool.CallAsync("AdminGetUser", new { UserPoolId = pool.PoolId, Username = "olduser" });

        refused.AssertError("PasswordResetRequiredException");
        Assert.Equal("RESET_REQUIRED", user.Get("UserStatus"));
    }

    private static Task<CognitoEmulator> StartAsync(Func<JsonObject, JsonObject> function)
    {
        var options = new CognitoEmulatorOptions();
        options.LambdaFunctions["migrate"] = (evt, _) => Task.FromResult<JsonNode?>(function(evt));
        return CognitoEmulator.StartAsync(options);
    }
}

using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>Every answer, success or failure, against botocore's cognito-idp model.</summary>
public sealed class ModelConformanceTests
{
    [BotocoreFact]
    public async Task EveryOperation_Response_ConformsToTheModelsOutputShape()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = emulator.UserPoolId;
        var checkedOperations = new HashSet<string>();

        async Task<CognitoResponse> Check(string operation, object input)
        {
            var response = await client.CallAsync(operation, input);
            response.AssertOk();
            BotocoreModel.AssertConformsToOutput(operation, response.Json);
            checkedOperations.Add(operation);
            return response;
        }

        var challenge = await Check("AdminInitiateAuth", new { UserPoolId = pool, ClientId = emulator.ClientId, AuthFlow = "ADMIN_NO_SRP_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["PASSWORD"] = "TempPass123!" } });
        var tokens = TokenSet.From(await Check("AdminRespondToAuthChallenge", new { UserPoolId = pool, ClientId = emulator.ClientId, ChallengeName = "NEW_PASSWORD_REQUIRED", Session = challenge.Get("Session"), ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["NEW_PASSWORD"] = "NewSecurePass123!" } }));
        await Check("InitiateAuth", new { ClientId = emulator.ClientId, AuthFlow = "REFRESH_TOKEN_AUTH", AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = tokens.RefreshToken! } });
        await Check("AdminCreateUser", new { UserPoolId = pool, Username = "model@example.com", TemporaryPassword = "ModelPass123!", UserAttributes = new[] { new { Name = "name", Value = "Model" } } });
        var publicChallenge = await Check("InitiateAuth", new { ClientId = emulator.ClientId, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "model@example.com", ["PASSWORD"] = "ModelPass123!" } });
        await Check("RespondToAuthChallenge", new { ClientId = emulator.ClientId, ChallengeName = "NEW_PASSWORD_REQUIRED", Session = publicChallenge.Get("Session"), ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "model@example.com", ["NEW_PASSWORD"] = "ModelPass456!" } });
        await Check("AdminGetUser", new { UserPoolId = pool, Username = "model@example.com" });
        await Check("AdminSetUserPassword", new { UserPoolId = pool, Username = "model@example.com", Password = "ModelPass789!", Permanent = true });
        await Check("AdminDisableUser", new { UserPoolId = pool, Username = "model@example.com" });
        await Check("AdminEnableUser", new { UserPoolId = pool, Username = "model@example.com" });
        await Check("GlobalSignOut", new { AccessToken = tokens.AccessToken });
        await Check("RevokeToken", new { Token = tokens.RefreshToken, ClientId = emulator.ClientId });
        await Check("AdminDeleteUser", new { UserPoolId = pool, Username = "model@example.com" });

        Assert.Equal(ProtocolTests.Operations.Count, checkedOperations.Count);
    }

    [BotocoreFact]
    public async Task EveryOperation_ServiceErrors_AreAmongTheModelsErrorsForIt()
    {
        var options = new CognitoEmulatorOptions();
        options.AdditionalClients.Add(new EmulatorClientOptions { Name = "confidential", GenerateSecret = true, EnableTokenRevocation = false });
        await using var emulator = await CognitoEmulator.StartAsync(options);
        using var client = new CognitoTestClient(emulator);
        var pool = emulator.UserPoolId;
        var other = emulator.AdditionalClients[0].ClientId;
        var passwordAuth = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["PASSWORD"] = "TempPass123!" };

        (string Operation, object Input)[] failures =
        [
            ("AdminCreateUser", new { UserPoolId = pool, Username = "testuser@example.com" }),
            ("AdminCreateUser", new { UserPoolId = pool, Username = "weak@example.com", TemporaryPassword = "weak" }),
            ("AdminCreateUser", new { UserPoolId = pool, Username = "not-an-email" }),
            ("AdminSetUserPassword", new { UserPoolId = pool, Username = "nobody@example.com", Password = "Whatever123!" }),
            ("AdminGetUser", new { UserPoolId = pool + "x", Username = "testuser@example.com" }),
            ("AdminDisableUser", new { UserPoolId = pool, Username = "nobody@example.com" }),
            ("AdminEnableUser", new { UserPoolId = pool, Username = "nobody@example.com" }),
            ("AdminDeleteUser", new { UserPoolId = pool, Username = "nobody@example.com" }),
            ("AdminInitiateAuth", new { UserPoolId = pool, ClientId = "nosuchclient", AuthFlow = "ADMIN_USER_PASSWORD_AUTH", AuthParameters = passwordAuth }),
            ("AdminInitiateAuth", new { UserPoolId = pool, ClientId = other, AuthFlow = "ADMIN_USER_PASSWORD_AUTH", AuthParameters = passwordAuth }),
            ("AdminRespondToAuthChallenge", new { UserPoolId = pool, ClientId = emulator.ClientId, ChallengeName = "NEW_PASSWORD_REQUIRED", Session = new string('s', 40) }),
            ("InitiateAuth", new { ClientId = emulator.ClientId, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["PASSWORD"] = "Wrong123!" } }),
            ("InitiateAuth", new { ClientId = emulator.ClientId, AuthFlow = "REFRESH_TOKEN_AUTH", AuthParameters = new Dictionary<string, string>() }),
            ("RespondToAuthChallenge", new { ClientId = emulator.ClientId, ChallengeName = "NEW_PASSWORD_REQUIRED", Session = new string('s', 40) }),
            ("RevokeToken", new { Token = "opaque", ClientId = other }),
            ("RevokeToken", new { Token = "opaque", ClientId = "nosuchclient" }),
            ("GlobalSignOut", new { AccessToken = "not-a-jwt" }),
        ];

        foreach (var (operation, input) in failures)
        {
            var response = await client.CallAsync(operation, input);
            Assert.True((int)response.StatusCode == 400, $"{operation}: {response.Text}");
            BotocoreModel.AssertModelledError(operation, response.ErrorType);
        }
    }
}

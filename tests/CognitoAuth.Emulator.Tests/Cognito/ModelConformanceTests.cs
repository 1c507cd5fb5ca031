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
        var checkedOperations = new HashSet<string>(StringComparer.Ordinal);

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
        await Check("GetTokensFromRefreshToken", new { ClientId = emulator.ClientId, RefreshToken = tokens.RefreshToken! });
        var srp = new TestSrpClient(pool);
        var verifierChallenge = await Check("InitiateAuth", new { ClientId = emulator.ClientId, AuthFlow = "USER_SRP_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["SRP_A"] = srp.SrpA } });
        await Check("RespondToAuthChallenge", new { ClientId = emulator.ClientId, ChallengeName = "PASSWORD_VERIFIER", Session = verifierChallenge.Get("Session"), ChallengeResponses = srp.Answer(CognitoTestClient.Parameters(verifierChallenge), "NewSecurePass123!", DateTimeOffset.UtcNow) });
        var secret = (await Check("AssociateSoftwareToken", new { AccessToken = tokens.AccessToken })).Get("SecretCode");
        await Check("VerifySoftwareToken", new { AccessToken = tokens.AccessToken, UserCode = TestTotp.Code(secret, DateTimeOffset.UtcNow), FriendlyDeviceName = "model-phone" });
        await Check("SetUserMFAPreference", new { AccessToken = tokens.AccessToken, SoftwareTokenMfaSettings = new { Enabled = true, PreferredMfa = true } });
        await Check("GetUser", new { AccessToken = tokens.AccessToken });
        await Check("AdminGetUser", new { UserPoolId = pool, Username = "testuser@example.com" });
        var mfaChallenge = await Check("AdminInitiateAuth", new { UserPoolId = pool, ClientId = emulator.ClientId, AuthFlow = "ADMIN_USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["PASSWORD"] = "NewSecurePass123!" } });
        Assert.Equal("SOFTWARE_TOKEN_MFA", mfaChallenge.Get("ChallengeName"));
        await Check("AdminSetUserMFAPreference", new { UserPoolId = pool, Username = "testuser@example.com", SoftwareTokenMfaSettings = new { Enabled = false, PreferredMfa = false } });
        await Check("GetUserPoolMfaConfig", new { UserPoolId = pool });
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

        // A pool of its own, with plain usernames, self sign-up and every kind of setting, through every other operation.
        var created = await Check("CreateUserPool", new
        {
            PoolName = "model-pool",
            AutoVerifiedAttributes = new[] { "email" },
            Policies = new { PasswordPolicy = new { MinimumLength = 8, RequireNumbers = true } },
            Schema = new[] { new { Name = "tier", AttributeDataType = "String", Mutable = true } },
            LambdaConfig = new { },
            UserPoolTags = new Dictionary<string, string> { ["team"] = "model" },
        });
        var other = created.Json.GetProperty("UserPool").GetProperty("Id").GetString()!;
        await Check("DescribeUserPool", new { UserPoolId = other });
        await Check("ListUserPools", new { MaxResults = 60 });
        await Check("UpdateUserPool", new { UserPoolId = other, AutoVerifiedAttributes = new[] { "email" }, MfaConfiguration = "OFF", Policies = new { PasswordPolicy = new { MinimumLength = 8, RequireNumbers = true } } });
        await Check("SetUserPoolMfaConfig", new { UserPoolId = other, MfaConfiguration = "OFF", SoftwareTokenMfaConfiguration = new { Enabled = true } });
        await Check("CreateResourceServer", new { UserPoolId = other, Identifier = "model-api", Name = "model-api", Scopes = new[] { new { ScopeName = "read", ScopeDescription = "Read" } } });
        await Check("DescribeResourceServer", new { UserPoolId = other, Identifier = "model-api" });
        await Check("ListResourceServers", new { UserPoolId = other, MaxResults = 10 });
        await Check("UpdateResourceServer", new { UserPoolId = other, Identifier = "model-api", Name = "model-api", Scopes = new[] { new { ScopeName = "read", ScopeDescription = "Read" }, new { ScopeName = "write", ScopeDescription = "Write" } } });
        await Check("CreateUserPoolDomain", new { UserPoolId = other, Domain = "model-domain" });
        await Check("DescribeUserPoolDomain", new { Domain = "model-domain" });
        var appClient = await Check("CreateUserPoolClient", new { UserPoolId = other, ClientName = "model-client", ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" } });
        await Check("CreateUserPoolClient", new { UserPoolId = other, ClientName = "model-rotating", ClientSecret = new string('s', 40), RefreshTokenRotation = new { Feature = "ENABLED", RetryGracePeriodSeconds = 30 } });
        var otherClient = appClient.Json.GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;
        await Check("DescribeUserPoolClient", new { UserPoolId = other, ClientId = otherClient });
        await Check("ListUserPoolClients", new { UserPoolId = other, MaxResults = 10 });
        var machine = await Check("CreateUserPoolClient", new { UserPoolId = other, ClientName = "model-machine", GenerateSecret = true, AllowedOAuthFlows = new[] { "client_credentials" }, AllowedOAuthScopes = new[] { "model-api/read" }, AllowedOAuthFlowsUserPoolClient = true });
        await Check("UpdateUserPoolClient", new { UserPoolId = other, ClientId = machine.Json.GetProperty("UserPoolClient").GetProperty("ClientId").GetString(), ClientName = "model-machine", AllowedOAuthFlows = new[] { "client_credentials" }, AllowedOAuthScopes = new[] { "model-api/write" }, AllowedOAuthFlowsUserPoolClient = true, AccessTokenValidity = 30, TokenValidityUnits = new { AccessToken = "minutes" } });
        await Check("DeleteUserPoolClient", new { UserPoolId = other, ClientId = machine.Json.GetProperty("UserPoolClient").GetProperty("ClientId").GetString() });

        await Check("SignUp", new { ClientId = otherClient, Username = "alice", Password = "AlicePass1", UserAttributes = new[] { new { Name = "email", Value = "alice@example.com" }, new { Name = "custom:tier", Value = "gold" } } });
        await Check("ResendConfirmationCode", new { ClientId = otherClient, Username = "alice" });
        await Check("ConfirmSignUp", new { ClientId = otherClient, Username = "alice", ConfirmationCode = emulator.Inbox.LatestTo("alice@example.com")!.Code });
        await Check("SignUp", new { ClientId = otherClient, Username = "bob", Password = "BobPass12", UserAttributes = new[] { new { Name = "email", Value = "bob@example.com" } } });
        await Check("AdminConfirmSignUp", new { UserPoolId = other, Username = "bob" });
        await Check("ListUsers", new { UserPoolId = other, Filter = "email ^= \"ali\"", Limit = 10 });
        await Check("CreateGroup", new { UserPoolId = other, GroupName = "admins", Description = "Admins", Precedence = 1 });
        await Check("GetGroup", new { UserPoolId = other, GroupName = "admins" });
        await Check("UpdateGroup", new { UserPoolId = other, GroupName = "admins", Description = "The admins" });
        await Check("ListGroups", new { UserPoolId = other, Limit = 10 });
        await Check("AdminAddUserToGroup", new { UserPoolId = other, Username = "alice", GroupName = "admins" });
        await Check("AdminListGroupsForUser", new { UserPoolId = other, Username = "alice", Limit = 10 });
        await Check("ListUsersInGroup", new { UserPoolId = other, GroupName = "admins", Limit = 10 });
        await Check("AdminRemoveUserFromGroup", new { UserPoolId = other, Username = "alice", GroupName = "admins" });
        await Check("DeleteGroup", new { UserPoolId = other, GroupName = "admins" });
        await Check("AdminUpdateUserAttributes", new { UserPoolId = other, Username = "alice", UserAttributes = new[] { new { Name = "name", Value = "Alice" } } });
        await Check("AdminDeleteUserAttributes", new { UserPoolId = other, Username = "alice", UserAttributeNames = new[] { "name" } });
        var alice = TokenSet.From(await client.CallAsync("InitiateAuth", new { ClientId = otherClient, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "alice", ["PASSWORD"] = "AlicePass1" } }));
        await Check("GetUser", new { AccessToken = alice.AccessToken });
        await Check("UpdateUserAttributes", new { AccessToken = alice.AccessToken, UserAttributes = new[] { new { Name = "name", Value = "Alice A." } } });
        await Check("ChangePassword", new { AccessToken = alice.AccessToken, PreviousPassword = "AlicePass1", ProposedPassword = "AlicePass2" });
        await Check("ForgotPassword", new { ClientId = otherClient, Username = "alice" });
        await Check("ConfirmForgotPassword", new { ClientId = otherClient, Username = "alice", ConfirmationCode = emulator.Inbox.LatestTo("alice@example.com")!.Code, Password = "AlicePass3" });
        await Check("AdminResetUserPassword", new { UserPoolId = other, Username = "alice" });
        await Check("AdminUserGlobalSignOut", new { UserPoolId = other, Username = "bob" });
        var bob = TokenSet.From(await client.CallAsync("InitiateAuth", new { ClientId = otherClient, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "bob", ["PASSWORD"] = "BobPass12" } }));
        await Check("DeleteUser", new { AccessToken = bob.AccessToken });
        await Check("DeleteResourceServer", new { UserPoolId = other, Identifier = "model-api" });
        await Check("DeleteUserPoolDomain", new { UserPoolId = other, Domain = "model-domain" });
        await Check("DeleteUserPool", new { UserPoolId = other });

        // Remembered devices, in a pool that remembers them: NewDeviceMetadata, the device operations, the device challenges.
        var devicePool = (await Check("CreateUserPool", new { PoolName = "model-devices", MfaConfiguration = "OFF", DeviceConfiguration = new { ChallengeRequiredOnNewDevice = true, DeviceOnlyRememberedOnUserPrompt = true } })).Get("UserPool", "Id");
        var deviceClient = (await client.CallAsync("CreateUserPoolClient", new { UserPoolId = devicePool, ClientName = "model-devices", ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" } })).Get("UserPoolClient", "ClientId");
        (await client.CallAsync("AdminCreateUser", new { UserPoolId = devicePool, Username = "carol", MessageAction = "SUPPRESS" })).AssertOk();
        (await client.CallAsync("AdminSetUserPassword", new { UserPoolId = devicePool, Username = "carol", Password = "CarolPass1!", Permanent = true })).AssertOk();
        var carolPassword = new Dictionary<string, string> { ["USERNAME"] = "carol", ["PASSWORD"] = "CarolPass1!" };
        var carol = await Check("InitiateAuth", new { ClientId = deviceClient, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = carolPassword });
        var device = TestDevice.From(carol);
        var carolToken = carol.Get("AuthenticationResult", "AccessToken");
        await Check("ConfirmDevice", new { AccessToken = carolToken, DeviceKey = device.DeviceKey, DeviceSecretVerifierConfig = device.VerifierConfig, DeviceName = "model-device" });
        await Check("UpdateDeviceStatus", new { AccessToken = carolToken, DeviceKey = device.DeviceKey, DeviceRememberedStatus = "remembered" });
        await Check("GetDevice", new { AccessToken = carolToken, DeviceKey = device.DeviceKey });
        await Check("ListDevices", new { AccessToken = carolToken, Limit = 10 });
        await Check("AdminUpdateDeviceStatus", new { UserPoolId = devicePool, Username = "carol", DeviceKey = device.DeviceKey, DeviceRememberedStatus = "remembered" });
        await Check("AdminGetDevice", new { UserPoolId = devicePool, Username = "carol", DeviceKey = device.DeviceKey });
        await Check("AdminListDevices", new { UserPoolId = devicePool, Username = "carol", Limit = 10 });
        var deviceChallenge = await Check("InitiateAuth", new { ClientId = deviceClient, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string>(carolPassword) { ["DEVICE_KEY"] = device.DeviceKey } });
        var deviceVerifier = await Check("RespondToAuthChallenge", new { ClientId = deviceClient, ChallengeName = "DEVICE_SRP_AUTH", Session = deviceChallenge.Get("Session"), ChallengeResponses = device.SrpAuthAnswer("carol") });
        await Check("RespondToAuthChallenge", new { ClientId = deviceClient, ChallengeName = "DEVICE_PASSWORD_VERIFIER", Session = deviceVerifier.Get("Session"), ChallengeResponses = device.VerifierAnswer("carol", CognitoTestClient.Parameters(deviceVerifier), DateTimeOffset.UtcNow) });
        await Check("ForgetDevice", new { AccessToken = carolToken, DeviceKey = device.DeviceKey });
        var second = TestDevice.From(await client.CallAsync("InitiateAuth", new { ClientId = deviceClient, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = carolPassword }));
        (await client.CallAsync("ConfirmDevice", new { AccessToken = carolToken, DeviceKey = second.DeviceKey, DeviceSecretVerifierConfig = second.VerifierConfig })).AssertOk();
        await Check("AdminForgetDevice", new { UserPoolId = devicePool, Username = "carol", DeviceKey = second.DeviceKey });

        Assert.Equal(DispatchTable.OperationNames, checkedOperations.Order(StringComparer.Ordinal));
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
            ("GetTokensFromRefreshToken", new { RefreshToken = "opaque", ClientId = emulator.ClientId }),
            ("InitiateAuth", new { ClientId = emulator.ClientId, AuthFlow = "USER_SRP_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["SRP_A"] = "0" } }),
            ("AssociateSoftwareToken", new { AccessToken = "not-a-jwt" }),
            ("AssociateSoftwareToken", new { Session = new string('s', 40) }),
            ("VerifySoftwareToken", new { AccessToken = "not-a-jwt", UserCode = "123456" }),
            ("VerifySoftwareToken", new { AccessToken = "not-a-jwt", UserCode = "12345" }),
            ("SetUserMFAPreference", new { AccessToken = "not-a-jwt" }),
            ("AdminSetUserMFAPreference", new { UserPoolId = pool, Username = "nobody@example.com" }),
            ("AdminSetUserMFAPreference", new { UserPoolId = pool, Username = "testuser@example.com", SoftwareTokenMfaSettings = new { Enabled = true } }),
            ("SetUserPoolMfaConfig", new { UserPoolId = pool + "x" }),
            ("GetUserPoolMfaConfig", new { UserPoolId = pool + "x" }),
            ("RevokeToken", new { Token = "opaque", ClientId = other }),
            ("RevokeToken", new { Token = "opaque", ClientId = "nosuchclient" }),
            ("GlobalSignOut", new { AccessToken = "not-a-jwt" }),
            ("CreateUserPool", new { PoolName = "p", UsernameAttributes = new[] { "email" }, AliasAttributes = new[] { "email" } }),
            ("DescribeUserPool", new { UserPoolId = pool + "x" }),
            ("ListUserPools", new { MaxResults = 61 }),
            ("UpdateUserPool", new { UserPoolId = pool + "x" }),
            ("DeleteUserPool", new { UserPoolId = pool }),
            ("CreateUserPoolClient", new { UserPoolId = pool, ClientName = "m", AllowedOAuthFlows = new[] { "client_credentials" }, AllowedOAuthScopes = new[] { "cognito-auth-api/hello.read" }, AllowedOAuthFlowsUserPoolClient = true }),
            ("CreateUserPoolClient", new { UserPoolId = pool, ClientName = "m", GenerateSecret = true, AllowedOAuthFlows = new[] { "client_credentials" }, AllowedOAuthScopes = new[] { "nope/none" }, AllowedOAuthFlowsUserPoolClient = true }),
            ("DescribeUserPoolClient", new { UserPoolId = pool, ClientId = "nosuchclient" }),
            ("ListUserPoolClients", new { UserPoolId = pool + "x" }),
            ("UpdateUserPoolClient", new { UserPoolId = pool, ClientId = "nosuchclient" }),
            ("DeleteUserPoolClient", new { UserPoolId = pool, ClientId = "nosuchclient" }),
            ("CreateUserPoolDomain", new { UserPoolId = pool, Domain = "another-one" }),
            ("DescribeUserPoolDomain", new { Domain = (string?)null }),
            ("DeleteUserPoolDomain", new { UserPoolId = pool, Domain = "not-this-one" }),
            ("CreateResourceServer", new { UserPoolId = pool, Identifier = "cognito-auth-api", Name = "again" }),
            ("DescribeResourceServer", new { UserPoolId = pool, Identifier = "nope" }),
            ("ListResourceServers", new { UserPoolId = pool + "x" }),
            ("UpdateResourceServer", new { UserPoolId = pool, Identifier = "nope", Name = "nope" }),
            ("DeleteResourceServer", new { UserPoolId = pool, Identifier = "nope" }),
            ("AdminUpdateUserAttributes", new { UserPoolId = pool, Username = "testuser@example.com", UserAttributes = new[] { new { Name = "sub", Value = "x" } } }),
            ("AdminDeleteUserAttributes", new { UserPoolId = pool, Username = "nobody@example.com", UserAttributeNames = new[] { "name" } }),
            ("AdminConfirmSignUp", new { UserPoolId = pool, Username = "testuser@example.com" }),
            ("AdminResetUserPassword", new { UserPoolId = pool, Username = "nobody@example.com" }),
            ("AdminUserGlobalSignOut", new { UserPoolId = pool, Username = "nobody@example.com" }),
            ("ListUsers", new { UserPoolId = pool, Filter = "bad filter" }),
            ("CreateGroup", new { UserPoolId = pool + "x", GroupName = "g" }),
            ("GetGroup", new { UserPoolId = pool, GroupName = "nope" }),
            ("ListGroups", new { UserPoolId = pool + "x" }),
            ("UpdateGroup", new { UserPoolId = pool, GroupName = "nope" }),
            ("DeleteGroup", new { UserPoolId = pool, GroupName = "nope" }),
            ("AdminAddUserToGroup", new { UserPoolId = pool, Username = "testuser@example.com", GroupName = "nope" }),
            ("AdminRemoveUserFromGroup", new { UserPoolId = pool, Username = "nobody@example.com", GroupName = "nope" }),
            ("AdminListGroupsForUser", new { UserPoolId = pool, Username = "nobody@example.com" }),
            ("ListUsersInGroup", new { UserPoolId = pool, GroupName = "nope" }),
            ("SignUp", new { ClientId = emulator.ClientId, Username = "new@example.com", Password = "Whatever123!" }),
            ("SignUp", new { ClientId = "nosuchclient", Username = "new@example.com", Password = "Whatever123!" }),
            ("ConfirmSignUp", new { ClientId = emulator.ClientId, Username = "testuser@example.com", ConfirmationCode = "123456" }),
            ("ResendConfirmationCode", new { ClientId = emulator.ClientId, Username = "testuser@example.com" }),
            ("ForgotPassword", new { ClientId = other, Username = "testuser@example.com" }),
            ("ConfirmForgotPassword", new { ClientId = emulator.ClientId, Username = "testuser@example.com", ConfirmationCode = "123456", Password = "Whatever123!" }),
            ("ChangePassword", new { AccessToken = "not-a-jwt", PreviousPassword = "a", ProposedPassword = "b" }),
            ("GetUser", new { AccessToken = "not-a-jwt" }),
            ("UpdateUserAttributes", new { AccessToken = "not-a-jwt", UserAttributes = new[] { new { Name = "name", Value = "x" } } }),
            ("DeleteUser", new { AccessToken = "not-a-jwt" }),
            ("ConfirmDevice", new { AccessToken = "not-a-jwt", DeviceKey = "eu-west-1_00000000-0000-0000-0000-000000000000" }),
            ("GetDevice", new { AccessToken = "not-a-jwt", DeviceKey = "eu-west-1_00000000-0000-0000-0000-000000000000" }),
            ("ListDevices", new { AccessToken = "not-a-jwt" }),
            ("ForgetDevice", new { AccessToken = "not-a-jwt", DeviceKey = "eu-west-1_00000000-0000-0000-0000-000000000000" }),
            ("UpdateDeviceStatus", new { AccessToken = "not-a-jwt", DeviceKey = "eu-west-1_00000000-0000-0000-0000-000000000000", DeviceRememberedStatus = "remembered" }),
            ("AdminGetDevice", new { UserPoolId = pool, Username = "testuser@example.com", DeviceKey = "eu-west-1_00000000-0000-0000-0000-000000000000" }),
            ("AdminListDevices", new { UserPoolId = pool, Username = "nobody@example.com" }),
            ("AdminForgetDevice", new { UserPoolId = pool, Username = "testuser@example.com", DeviceKey = "eu-west-1_00000000-0000-0000-0000-000000000000" }),
            ("AdminUpdateDeviceStatus", new { UserPoolId = pool, Username = "testuser@example.com", DeviceKey = "eu-west-1_00000000-0000-0000-0000-000000000000", DeviceRememberedStatus = "always" }),
        ];

        var covered = failures.Select(f => f.Operation).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(DispatchTable.OperationNames, covered.Order(StringComparer.Ordinal));
        foreach (var (operation, input) in failures)
        {
            var response = await client.CallAsync(operation, input);
            Assert.True((int)response.StatusCode == 400, $"{operation}: {response.Text}");
            BotocoreModel.AssertModelledError(operation, response.ErrorType);
        }
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Persistence;

/// <summary><c>--data-dir</c>: state survives a restart, a crash at any moment leaves the last committed state, and a bad file is refused.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("emulator-state-").FullName;

    private string StatePath => Path.Combine(_directory, "state.json");

    [Fact]
    public async Task Restart_KeepsPoolsClientsUsersGroupsRefreshTokensAndKeys()
    {
        string poolId, clientId, refreshToken, kid, referencePool, machineSecret;
        await using (var first = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory }))
        {
            using var client = new CognitoTestClient(first);
            var seed = await client.SignInSeedUserAsync();
            var pool = await TestPool.CreateAsync(client);
            await pool.SignUpConfirmedAsync("lena", "lena@example.com");
            (await client.CallAsync("CreateGroup", new { UserPoolId = pool.PoolId, GroupName = "staff" })).AssertOk();
            (await client.CallAsync("AdminAddUserToGroup", new { UserPoolId = pool.PoolId, Username = "lena", GroupName = "staff" })).AssertOk();
            refreshToken = TokenSet.From(await pool.SignInAsync("lena")).RefreshToken!;
            (poolId, clientId, referencePool, machineSecret) = (pool.PoolId, pool.ClientId, first.UserPoolId, first.MachineClient.ClientSecret!);
            kid = TokenForge.Header(seed.AccessToken)["kid"]!.GetValue<string>();
        }

        await using var second = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory });
        using var again = new CognitoTestClient(second);
        var restored = new TestPool(again, poolId, clientId);

        Assert.Equal(referencePool, second.UserPoolId);
        Assert.Equal(machineSecret, second.MachineClient.ClientSecret);
        var signIn = await restored.SignInAsync("lena");
        signIn.AssertOk();
        Assert.Equal("""["staff"]""", TokenForge.Payload(TokenSet.From(signIn).AccessToken)["cognito:groups"]!.ToJsonString());
        (await again.RefreshAsync(refreshToken, clientId)).AssertOk();

        // The seed user was not created again: its new password from before the restart is the one that works.
        var seedUser = Reference.ReferenceStack.TestUser;
        var seedSignIn = await again.AdminInitiateAuthAsync(seedUser.Username, seedUser.NewPassword);
        seedSignIn.AssertOk();
        Assert.Equal(kid, TokenForge.Header(TokenSet.From(seedSignIn).AccessToken)["kid"]!.GetValue<string>());
        Assert.False(File.Exists(StatePath + ".tmp"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StatePath));
        }

        var text = await File.ReadAllTextAsync(StatePath);
        Assert.DoesNotContain(refreshToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPool.Password, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_KeepsPasswordVerifiersSoftwareTokensTheirLastStepAndThePoolsMfa()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new CognitoEmulatorOptions { DataDirectory = _directory, TimeProvider = time };
        string secret, code, poolId;
        await using (var first = await CognitoEmulator.StartAsync(options))
        {
            using var client = new CognitoTestClient(first);
            var tokens = await client.SignInSeedUserAsync();
            secret = (await client.CallAsync("AssociateSoftwareToken", new { AccessToken = tokens.AccessToken })).Get("SecretCode");
            code = TestTotp.Code(secret, time.GetUtcNow());
            (await client.CallAsync("VerifySoftwareToken", new { AccessToken = tokens.AccessToken, UserCode = code, FriendlyDeviceName = "laptop" })).AssertOk();
            (await client.CallAsync("SetUserMFAPreference", new { AccessToken = tokens.AccessToken, SoftwareTokenMfaSettings = new { Enabled = true, PreferredMfa = true } })).AssertOk();
            poolId = (await client.CallAsync("CreateUserPool", new { PoolName = "mfa-on" })).Get("UserPool", "Id");
            (await client.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = poolId, MfaConfiguration = "ON", SoftwareTokenMfaConfiguration = new { Enabled = false } })).AssertOk();
        }

        await using var second = await CognitoEmulator.StartAsync(options);
        using var again = new CognitoTestClient(second);
        var challenge = await again.SrpSignInAsync(Reference.ReferenceStack.TestUser.Username, Reference.ReferenceStack.TestUser.NewPassword, now: time.GetUtcNow());
        var responses = new Dictionary<string, string> { ["USERNAME"] = challenge.Get("ChallengeParameters", "USER_ID_FOR_SRP"), ["SOFTWARE_TOKEN_MFA_CODE"] = code };
        var reused = await again.RespondAsync("SOFTWARE_TOKEN_MFA", challenge.Get("Session"), responses);
        time.Advance(TimeSpan.FromSeconds(30));
        responses["SOFTWARE_TOKEN_MFA_CODE"] = TestTotp.Code(secret, time.GetUtcNow());
        var accepted = await again.RespondAsync("SOFTWARE_TOKEN_MFA", challenge.Get("Session"), responses);
        var mfa = await again.CallAsync("GetUserPoolMfaConfig", new { UserPoolId = poolId });

        Assert.Equal("SOFTWARE_TOKEN_MFA", challenge.Get("ChallengeName"));
        Assert.Equal("laptop", challenge.Get("ChallengeParameters", "FRIENDLY_DEVICE_NAME"));
        reused.AssertError("ExpiredCodeException", "Your software token has already been used once.");
        accepted.AssertOk();
        Assert.Equal("ON", mfa.Get("MfaConfiguration"));
        Assert.False(mfa.Json.GetProperty("SoftwareTokenMfaConfiguration").GetProperty("Enabled").GetBoolean());
        var state = await File.ReadAllTextAsync(StatePath);
        Assert.Contains("\"FormatVersion\":2", state, StringComparison.Ordinal);
        Assert.DoesNotContain(Reference.ReferenceStack.TestUser.NewPassword, state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_KeepsRotatedFamiliesAndTheRotationFollowsTheOptions()
    {
        string original, rotated;
        var rotating = new CognitoEmulatorOptions { DataDirectory = _directory, RefreshTokenRotation = true, RefreshTokenRotationGracePeriod = TimeSpan.Zero };
        await using (var first = await CognitoEmulator.StartAsync(rotating))
        {
            using var client = new CognitoTestClient(first);
            original = (await client.SignInSeedUserAsync()).RefreshToken!;
            var response = await client.CallAsync("GetTokensFromRefreshToken", new { RefreshToken = original, ClientId = first.ClientId });
            rotated = response.Get("AuthenticationResult", "RefreshToken");
        }

        await using (var second = await CognitoEmulator.StartAsync(rotating))
        {
            using var again = new CognitoTestClient(second);
            (await again.CallAsync("GetTokensFromRefreshToken", new { RefreshToken = original, ClientId = second.ClientId })).AssertError("RefreshTokenReuseException");
            var next = await again.CallAsync("GetTokensFromRefreshToken", new { RefreshToken = rotated, ClientId = second.ClientId });
            next.AssertOk();
            rotated = next.Get("AuthenticationResult", "RefreshToken");
        }

        await using var third = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory });
        using var plain = new CognitoTestClient(third);
        var described = await plain.CallAsync("DescribeUserPoolClient", new { UserPoolId = third.UserPoolId, ClientId = third.ClientId });
        Assert.Equal("DISABLED", described.Json.GetProperty("UserPoolClient").GetProperty("RefreshTokenRotation").GetProperty("Feature").GetString());
        (await plain.RefreshAsync(rotated)).AssertOk();
        var unrotated = await plain.CallAsync("GetTokensFromRefreshToken", new { RefreshToken = rotated, ClientId = third.ClientId });
        Assert.False(unrotated.Json.GetProperty("AuthenticationResult").TryGetProperty("RefreshToken", out _));
    }

    [Theory]
    [InlineData("not json at all", "it is not a JSON state file")]
    [InlineData("""{"hello": "world"}""", "it is not a CognitoAuth emulator state file")]
    [InlineData("""{"Format": "cognito-auth-emulator/state", "FormatVersion": 99, "Sha256": "00", "State": {}}""", "its format version is 99")]
    [InlineData("""{"Format": "cognito-auth-emulator/state", "FormatVersion": 2, "Sha256": "00", "State": {}}""", "its checksum does not match its content")]
    [InlineData("""{"Format": "cognito-auth-emulator/state", "FormatVersion": 1, "Sha256": "00", "State": {}}""", "it is format version 1, which keeps passwords as salted digests; this emulator keeps SRP password verifiers")]
    public async Task Start_CorruptOrForeignStateFile_ClearErrorAndTheFileIsLeftAsItWas(string content, string reason)
    {
        await File.WriteAllTextAsync(StatePath, content);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory }));

        Assert.Contains(StatePath, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(content, await File.ReadAllTextAsync(StatePath));
    }

    [Fact]
    public async Task Start_StateEditedByHand_ChecksumMismatchIsRefused()
    {
        await (await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory })).DisposeAsync();
        var text = await File.ReadAllTextAsync(StatePath);
        await File.WriteAllTextAsync(StatePath, text.Replace("cognito-auth-user-pool", "cognito-auth-user-poo1", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory }));

        Assert.Contains("its checksum does not match its content", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DirectoryInUse_SecondEmulatorIsRefused()
    {
        await using var first = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory }));

        Assert.Contains("in use by another emulator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SigningKeyFileNotAKey_ClearErrorAndTheDirectoryIsFreeForTheNextStart()
    {
        var keyPath = Path.Combine(_directory, "not-a-key.pem");
        await File.WriteAllTextAsync(keyPath, "not a pem");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory, SigningKeyPath = keyPath }));
        await using var next = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory });

        Assert.Contains(keyPath, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(next.Region + "_", next.UserPoolId, StringComparison.Ordinal);
        Assert.True(File.Exists(StatePath));
    }

    [Fact]
    public async Task Restart_AdditionalClientDeleted_OneNewClientTakesItsPlace_AndKeepsItsIdOnLaterRestarts()
    {
        CognitoEmulatorOptions Options()
        {
            var options = new CognitoEmulatorOptions { DataDirectory = _directory };
            options.AdditionalClients.Add(new EmulatorClientOptions { Name = "first-extra" });
            options.AdditionalClients.Add(new EmulatorClientOptions { Name = "second-extra" });
            return options;
        }

        string deleted, kept;
        await using (var first = await CognitoEmulator.StartAsync(Options()))
        {
            (deleted, kept) = (first.AdditionalClients[0].ClientId, first.AdditionalClients[1].ClientId);
            using var client = new CognitoTestClient(first);
            (await client.CallAsync("DeleteUserPoolClient", new { UserPoolId = first.UserPoolId, ClientId = deleted })).AssertOk();
        }

        string replacement;
        await using (var second = await CognitoEmulator.StartAsync(Options()))
        {
            replacement = second.AdditionalClients[0].ClientId;
            Assert.NotEqual(deleted, replacement);
            Assert.Equal(kept, second.AdditionalClients[1].ClientId);
        }

        await using var third = await CognitoEmulator.StartAsync(Options());
        using var again = new CognitoTestClient(third);
        var listed = await again.CallAsync("ListUserPoolClients", new { UserPoolId = third.UserPoolId, MaxResults = 60 });

        Assert.Equal([replacement, kept], third.AdditionalClients.Select(c => c.ClientId));
        listed.AssertOk();
        Assert.Equal(4, listed.Json.GetProperty("UserPoolClients").GetArrayLength()); // the user client, the machine client, the two extras
    }

    [Fact]
    public async Task Start_FixedPoolIdOtherThanTheStored_IsRefused()
    {
        await (await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory })).DisposeAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory, UserPoolId = "ap-northeast-1_Other0001" }));

        Assert.Contains("The data directory holds user pool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BinLocal_KilledWithSigkillWhileWriting_EveryAcknowledgedChangeIsThereAfterARestart()
    {
        var acknowledged = new List<string>();
        for (var round = 0; round < 4; round++)
        {
            using (var local = await BinLocalProcess.StartAsync(Path.Combine(_directory, $"outputs-{round}.json"), "--data-dir", _directory))
            {
                var endpoint = new Uri(local.Output("CognitoEndpoint"));
                var poolId = local.Output("UserPoolId");
                using var http = new HttpClient { BaseAddress = endpoint };
                using var stop = new CancellationTokenSource();
                var firstAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

                // Four writers create users back to back until the kill; a user counts once its 200 arrived.
                var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var email = $"r{round}-w{writer}-{i}@example.com";
                        using var request = SignedAdminCreateUser(endpoint, poolId, email);
                        using var response = await http.SendAsync(request);
                        if (response.IsSuccessStatusCode)
                        {
                            lock (acknowledged)
                            {
                                acknowledged.Add(email);
                            }

                            firstAcknowledged.TrySetResult();
                        }
                    }
                })).ToList();
                // The kill lands while writes are under way, whatever the machine's load: its timer starts at the round's first
                // acknowledged write.
                await firstAcknowledged.Task.WaitAsync(TimeSpan.FromSeconds(60));
                stop.CancelAfter(TimeSpan.FromMilliseconds(300 + (round * 150)));
                await Task.Delay(TimeSpan.FromMilliseconds(250 + (round * 150)));
                local.Process.Kill(entireProcessTree: false);
                await local.Process.WaitForExitAsync();
                await Task.WhenAll(writers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
            }

            // The file reads, and every acknowledged user is in it.
            await using var restarted = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { DataDirectory = _directory, SeedTestUser = false });
            using var client = new CognitoTestClient(restarted);
            foreach (var email in acknowledged)
            {
                (await client.CallAsync("AdminGetUser", new { UserPoolId = restarted.UserPoolId, Username = email })).AssertOk();
            }
        }

        Assert.NotEmpty(acknowledged);
    }

    [Fact]
    public async Task BinLocal_CorruptStateFile_ExitsOneWithTheReasonOnStderr()
    {
        await File.WriteAllTextAsync(StatePath, "{ torn");
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "bin", "local"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in new[] { "--cognito-port", "0", "--api-port", "0", "--outputs", Path.Combine(_directory, "outputs.json"), "--data-dir", _directory })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("cannot be used: it is not a JSON state file", await stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("CognitoAuthStack", await stdout, StringComparison.Ordinal);
        Assert.Equal("{ torn", await File.ReadAllTextAsync(StatePath));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static HttpRequestMessage SignedAdminCreateUser(Uri endpoint, string poolId, string email)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { UserPoolId = poolId, Username = email, TemporaryPassword = "TempPass123!", MessageAction = "SUPPRESS" }));
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", CognitoTestClient.Target + "AdminCreateUser");
        SdkSigner.Sign(request, body, new SigningParameters(CognitoEmulatorOptions.DefaultAccessKeyId, CognitoEmulatorOptions.DefaultSecretAccessKey, "ap-northeast-1", "cognito-idp", DateTime.UtcNow));
        return request;
    }
}

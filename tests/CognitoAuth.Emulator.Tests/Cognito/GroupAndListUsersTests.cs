using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>Groups (and <c>cognito:groups</c> in tokens) and ListUsers with filters and pages.</summary>
public sealed class GroupAndListUsersTests
{
    [Fact]
    public async Task Groups_AppearInAccessAndIdTokens_ByPrecedence_AndARefreshPicksUpChanges()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var pool = await TestPool.CreateAsync(client);
        await pool.SignUpConfirmedAsync("kim", "kim@example.com");
        var before = TokenSet.From(await pool.SignInAsync("kim"));
        (await client.CallAsync("CreateGroup", new { UserPoolId = pool.PoolId, GroupName = "readers", Precedence = 5 })).AssertOk();
        (await client.CallAsync("CreateGroup", new { UserPoolId = pool.PoolId, GroupName = "admins", Precedence = 1 })).AssertOk();
        (await client.CallAsync("CreateGroup", new { UserPoolId = pool.PoolId, GroupName = "admins" })).AssertError("GroupExistsException", "A group with the name admins already exists.");
        (await client.CallAsync("AdminAddUserToGroup", new { UserPoolId = pool.PoolId, Username = "kim", GroupName = "readers" })).AssertOk();
        (await client.CallAsync("AdminAddUserToGroup", new { UserPoolId = pool.PoolId, Username = "kim", GroupName = "admins" })).AssertOk();

        var after = TokenSet.From(await pool.SignInAsync("kim"));
        var refreshed = TokenSet.From(await client.RefreshAsync(before.RefreshToken!, pool.ClientId));
        (await client.CallAsync("AdminRemoveUserFromGroup", new { UserPoolId = pool.PoolId, Username = "kim", GroupName = "admins" })).AssertOk();
        var listed = await client.CallAsync("AdminListGroupsForUser", new { UserPoolId = pool.PoolId, Username = "kim" });
        var members = await client.CallAsync("ListUsersInGroup", new { UserPoolId = pool.PoolId, GroupName = "readers" });
        (await client.CallAsync("DeleteGroup", new { UserPoolId = pool.PoolId, GroupName = "readers" })).AssertOk();
        var last = TokenSet.From(await pool.SignInAsync("kim"));

        Assert.False(TokenForge.Payload(before.AccessToken).ContainsKey("cognito:groups"));
        Assert.Equal("""["admins","readers"]""", TokenForge.Payload(after.AccessToken)["cognito:groups"]!.ToJsonString());
        Assert.Equal("""["admins","readers"]""", TokenForge.Payload(after.IdToken)["cognito:groups"]!.ToJsonString());
        Assert.Equal("cognito:groups", TokenForge.Payload(after.AccessToken).Select(c => c.Key).ElementAt(1));
        Assert.Equal("""["admins","readers"]""", TokenForge.Payload(refreshed.AccessToken)["cognito:groups"]!.ToJsonString());
        Assert.Equal(["readers"], listed.Json.GetProperty("Groups").EnumerateArray().Select(g => g.GetProperty("GroupName").GetString()));
        Assert.Equal(["kim"], members.Json.GetProperty("Users").EnumerateArray().Select(u => u.GetProperty("Username").GetString()));
        Assert.False(TokenForge.Payload(last.AccessToken).ContainsKey("cognito:groups"));
        (await client.CallAsync("GetGroup", new { UserPoolId = pool.PoolId, GroupName = "readers" })).AssertError("ResourceNotFoundException", "Group not found.");
    }

    [Fact]
    public async Task ListUsers_FilterAndPages_AsCognito()
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SeedTestUser = false });
        using var client = new CognitoTestClient(emulator);
        foreach (var name in new[] { "amy", "andy", "bea", "ann", "bob" })
        {
            emulator.CreateUser($"{name}@example.com", "Passw0rd!", permanent: true, [new("given_name", name.ToUpperInvariant())]);
        }

        emulator.DisableUser("bob@example.com");

        async Task<List<string>> Emails(string? filter, int limit)
        {
            var emails = new List<string>();
            string? token = null;
            do
            {
                var page = await client.CallAsync("ListUsers", new { UserPoolId = emulator.UserPoolId, Filter = filter, Limit = limit, PaginationToken = token });
                page.AssertOk();
                var users = page.Json.GetProperty("Users").EnumerateArray().ToList();
                Assert.True(users.Count <= limit);
                emails.AddRange(users.Select(u => u.GetProperty("Attributes").EnumerateArray().First(a => a.GetProperty("Name").GetString() == "email").GetProperty("Value").GetString()!));
                token = page.Json.TryGetProperty("PaginationToken", out var next) ? next.GetString() : null;
            }
            while (token is not null);

            return emails;
        }

        Assert.Equal(["amy@example.com", "andy@example.com", "bea@example.com", "ann@example.com", "bob@example.com"], await Emails(null, 2));
        Assert.Equal(["amy@example.com", "andy@example.com", "ann@example.com"], await Emails("email ^= \"a\"", 2));
        Assert.Equal(["bea@example.com"], await Emails("given_name = \"BEA\"", 60));
        Assert.Equal(["bob@example.com"], await Emails("status = \"Disabled\"", 60));
        Assert.Equal(5, (await Emails("cognito:user_status = \"CONFIRMED\"", 60)).Count);
        (await client.CallAsync("ListUsers", new { UserPoolId = emulator.UserPoolId, Filter = "email contains \"a\"" })).AssertError("InvalidParameterException", "Error while parsing filter.");
        (await client.CallAsync("ListUsers", new { UserPoolId = emulator.UserPoolId, Filter = "custom:x = \"a\"" })).AssertError("InvalidParameterException", "Invalid search attribute: custom:x");
        (await client.CallAsync("ListUsers", new { UserPoolId = emulator.UserPoolId, Limit = 61 })).AssertError("InvalidParameterException");
    }
}

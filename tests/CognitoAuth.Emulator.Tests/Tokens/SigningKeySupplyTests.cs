using System.Security.Cryptography;
using System.Text;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Tests.Tokens;

/// <summary>Pools' signing keys made ahead: each handed out once, never weaker than Cognito's, usable however they were made.</summary>
public sealed class SigningKeySupplyTests
{
    [Fact]
    public async Task Take_ManyTimes_EveryKeyDistinct2048BitAndSigns()
    {
        var supply = new SigningKeySupply(capacity: 2);
        var keys = Enumerable.Range(0, 5).Select(_ => supply.Take()).ToList();
        await WaitUntilAsync(() => supply.Ready == supply.Capacity);
        keys.Add(supply.Take());

        Assert.Equal(keys.Count, keys.Select(k => k.KeyId).Distinct(StringComparer.Ordinal).Count());
        var data = Encoding.ASCII.GetBytes("header.payload");
        foreach (var key in keys)
        {
            Assert.Equal(2048, key.Rsa.KeySize);
            var signature = key.Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            Assert.True(key.Rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            key.Dispose();
        }
    }

    [Fact]
    public void Deferred_UsedBeforeTheSupplyMadeIt_GeneratedThereAndSigns()
    {
        using var key = SigningKey.Deferred();
        var data = Encoding.ASCII.GetBytes("header.payload");

        var signature = key.Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        key.Materialize();

        Assert.Equal(2048, key.Rsa.KeySize);
        Assert.True(key.Rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Contains(key.KeyId, key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Deferred_DisposedBeforeTheSupplyMadeIt_NeverGenerated()
    {
        var key = SigningKey.Deferred();

        key.Dispose();
        key.Materialize();

        Assert.Equal("SigningKey { (being generated) }", key.ToString());
    }

    [Fact]
    public async Task CreateUserPool_TwoPools_EachItsOwnKeyInItsJwks()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var kids = new List<string>();
        foreach (var name in new[] { "one", "two" })
        {
            var pool = await client.CallAsync("CreateUserPool", new { PoolName = name });
            var jwks = await client.GetAsync($"{pool.Get("UserPool", "Id")}/.well-known/jwks.json");
            jwks.EnsureSuccessStatusCode();
            using var document = System.Text.Json.JsonDocument.Parse(await jwks.Content.ReadAsStringAsync());
            kids.Add(document.RootElement.GetProperty("keys")[0].GetProperty("kid").GetString()!);
        }

        Assert.NotEqual(kids[0], kids[1]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}

using System.Text.Json;
using CognitoAuth.Client.Tokens;

namespace CognitoAuth.Client.Tests.Tokens;

public sealed class CognitoTokenSetTests
{
    private static readonly CognitoTokenSet Sample = new()
    {
        AccessToken = "eyJ.access-secret.sig",
        IdToken = "eyJ.id-secret.sig",
        RefreshToken = "eyJ.refresh-secret.sig",
        IssuedAt = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero),
        Username = "0c4e2a7e-1f3b-4a5d-9e8f-7a6b5c4d3e2f",
    };

    [Fact]
    public void ToString_RedactsEveryToken()
    {
        var text = Sample.ToString();

        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.Contains("2026-01-15T10:00:00.0000000+00:00", text, StringComparison.Ordinal);
        Assert.Contains(Sample.Username!, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_RoundTripsAsPlainJson()
    {
        var json = JsonSerializer.Serialize(Sample);
        var copy = JsonSerializer.Deserialize<CognitoTokenSet>(json)!;

        Assert.Equal(Sample.AccessToken, copy.AccessToken);
        Assert.Equal(Sample.IdToken, copy.IdToken);
        Assert.Equal(Sample.RefreshToken, copy.RefreshToken);
        Assert.Equal(Sample.IssuedAt, copy.IssuedAt);
        Assert.Equal(Sample.ExpiresAt, copy.ExpiresAt);
        Assert.Equal(Sample.Username, copy.Username);
    }

    [Fact]
    public async Task InMemoryStore_SetGetRemove_KeepsSetsApartByKey()
    {
        var store = new InMemoryCognitoTokenStore();
        await store.SetAsync("a", Sample, CancellationToken.None);

        Assert.Same(Sample, await store.GetAsync("a", CancellationToken.None));
        Assert.Null(await store.GetAsync("b", CancellationToken.None));

        await store.RemoveAsync("a", CancellationToken.None);
        Assert.Null(await store.GetAsync("a", CancellationToken.None));
    }

    [Theory]
    [InlineData(3600, 60, 3539, true)]
    [InlineData(3600, 60, 3540, false)]
    [InlineData(60, 300, 29, true)]
    [InlineData(60, 300, 30, false)]
    [InlineData(3600, 0, 3599, true)]
    [InlineData(3600, 0, 3600, false)]
    public void IsFresh_RefreshBeforeOrHalfTheShorterLifetime(int lifetimeSeconds, int refreshBeforeSeconds, int elapsedSeconds, bool fresh)
    {
        var issued = Sample.IssuedAt;
        var tokens = new CognitoTokenSet { AccessToken = "a", IssuedAt = issued, ExpiresAt = issued.AddSeconds(lifetimeSeconds) };

        Assert.Equal(fresh, TokenFreshness.IsFresh(tokens, issued.AddSeconds(elapsedSeconds), TimeSpan.FromSeconds(refreshBeforeSeconds)));
    }
}

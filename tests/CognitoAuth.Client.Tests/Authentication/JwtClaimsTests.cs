using CognitoAuth.Client.Tests.Fakes;
using CognitoAuth.Client.Authentication;

namespace CognitoAuth.Client.Tests.Authentication;

public sealed class JwtClaimsTests
{
    [Fact]
    public void CognitoUsername_AccessTokenWithUsername_ReturnsIt()
    {
        var access = TestJwt.Create(new() { ["username"] = "0c4e2a7e", ["exp"] = 1, ["cognito:groups"] = new[] { "a", "b" } });

        Assert.Equal("0c4e2a7e", JwtClaims.CognitoUsername(access, idToken: null));
    }

    [Fact]
    public void CognitoUsername_NoUsernameInAccessToken_FallsBackToTheIdTokensCognitoUsername()
    {
        var access = TestJwt.Create(new() { ["sub"] = "s" });
        var id = TestJwt.Create(new() { ["cognito:username"] = "from-id-token" });

        Assert.Equal("from-id-token", JwtClaims.CognitoUsername(access, id));
    }

    [Theory]
    [InlineData("not a jwt")]
    [InlineData("a.!!!.c")]
    [InlineData("a.e30.c")]
    [InlineData("a.bnVsbA.c")]
    [InlineData("")]
    public void ReadString_MalformedOrMissing_ReturnsNull(string jwt)
    {
        Assert.Null(JwtClaims.ReadString(jwt, "username"));
    }

    [Fact]
    public void ReadString_PayloadNeedingBase64UrlCharacters_Decodes()
    {
        // '?' and '>' in the JSON produce '_' and '-' in base64url, and the length needs padding.
        var jwt = TestJwt.Create(new() { ["x"] = "??>>??>", ["username"] = "u~?>" });

        Assert.Equal("u~?>", JwtClaims.ReadString(jwt, "username"));
    }
}

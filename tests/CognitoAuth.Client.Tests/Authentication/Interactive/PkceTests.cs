using CognitoAuth.Client.Authentication.Interactive;

namespace CognitoAuth.Client.Tests.Authentication.Interactive;

/// <summary>PKCE S256 (RFC 7636) and the authorize request's one-time values.</summary>
public sealed class PkceTests
{
    [Fact]
    public void ChallengeOf_Rfc7636AppendixB_IsTheRfcsChallenge()
    {
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    [Fact]
    public void Create_Rfc7636AppendixBOctets_GivesTheRfcsVerifierAndChallenge()
    {
        byte[] octets = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];

        var pkce = Pkce.Create(destination => octets.CopyTo(destination));

        Assert.Equal("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", pkce.Verifier);
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", pkce.Challenge);
        Assert.DoesNotContain(pkce.Verifier, pkce.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Random_VerifiersOf43UnreservedCharactersEachNew()
    {
        var verifiers = Enumerable.Range(0, 100).Select(_ => Pkce.Create(System.Security.Cryptography.RandomNumberGenerator.Fill).Verifier).ToList();

        Assert.All(verifiers, v => Assert.Matches("^[A-Za-z0-9._~-]{43}$", v));
        Assert.Equal(100, verifiers.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void AuthorizationRequest_Url_CarriesEveryParameterEscapedAndKeepsTheEndpointsOwnQuery()
    {
        var request = AuthorizationRequest.Create(new Uri("http://localhost:8400/callback"), System.Security.Cryptography.RandomNumberGenerator.Fill);

        var url = request.Url(new Uri("https://d.auth.ap-northeast-1.amazoncognito.com/oauth2/authorize?lang=ja"), "client id", "openid email");

        Assert.Equal(
            "https://d.auth.ap-northeast-1.amazoncognito.com/oauth2/authorize?lang=ja&response_type=code&client_id=client%20id" +
            $"&redirect_uri=http%3A%2F%2Flocalhost%3A8400%2Fcallback&scope=openid%20email&state={request.State}&nonce={request.Nonce}" +
            $"&code_challenge={request.Pkce.Challenge}&code_challenge_method=S256",
            url.AbsoluteUri);
        Assert.DoesNotContain(request.Pkce.Verifier, url.AbsoluteUri, StringComparison.Ordinal);
        Assert.True(request.IsOwnState(request.State));
        Assert.False(request.IsOwnState(request.State + "x"));
        Assert.False(request.IsOwnState(null));
        Assert.DoesNotContain(request.State, request.ToString(), StringComparison.Ordinal);
    }
}

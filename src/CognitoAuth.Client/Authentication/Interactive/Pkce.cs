using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Client.Authentication.Interactive;

/// <summary>
/// Proof Key for Code Exchange (RFC 7636) with the <c>S256</c> method: a fresh high-entropy verifier for each sign-in, whose
/// SHA-256 goes in the authorize URL and which itself is sent only with the code, to the token endpoint. A code caught on
/// its way back through the browser is useless without it.
/// </summary>
internal sealed class Pkce
{
    /// <summary>The only method this client uses: RFC 7636 §4.2 says a client capable of S256 must use it.</summary>
    public const string Method = "S256";

    private Pkce(string verifier)
    {
        Verifier = verifier;
        Challenge = ChallengeOf(verifier);
    }

    /// <summary>43 characters of the unreserved set (32 random bytes, base64url): RFC 7636 §4.1's recommendation.</summary>
    public string Verifier { get; }

    /// <summary><c>BASE64URL(SHA256(ASCII(verifier)))</c>.</summary>
    public string Challenge { get; }

    public static Pkce Create(RandomFill random)
    {
        Span<byte> entropy = stackalloc byte[32];
        random(entropy);
        return new Pkce(Base64Url.Encode(entropy));
    }

    /// <summary>The S256 challenge of <paramref name="verifier"/> (RFC 7636 §4.2).</summary>
    public static string ChallengeOf(string verifier) => Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <inheritdoc />
    public override string ToString() => $"Pkce {{ Method = {Method}, Challenge = {Challenge}, Verifier = *** }}";
}

namespace CognitoAuth.Client.Authentication.Interactive;

/// <summary>Base64url without padding (RFC 4648 §5), as PKCE (RFC 7636 Appendix A) and JWTs write bytes.</summary>
internal static class Base64Url
{
    // System.Buffers.Text.Base64Url is not in net8.0: translate standard base64 instead. Not a hot path.
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace CognitoAuth.Emulator.Tokens;

/// <summary>
/// The RSA key the pool signs tokens with (RS256), its <c>kid</c> and its public JWK. Generated at start, or
/// loaded from a PEM file so tokens stay valid across restarts.
/// </summary>
internal sealed class SigningKey : IDisposable
{
    private SigningKey(RSA rsa)
    {
        Rsa = rsa;
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        Modulus = Base64Url.EncodeToString(parameters.Modulus);
        Exponent = Base64Url.EncodeToString(parameters.Exponent);

        // Cognito's kids are base64 strings of a digest; the RFC 7638 thumbprint gives one that is stable per key.
        var thumbprintInput = $$"""{"e":"{{Exponent}}","kty":"RSA","n":"{{Modulus}}"}""";
        KeyId = Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(thumbprintInput)));
    }

    public RSA Rsa { get; }

    public string KeyId { get; }

    /// <summary>The base64url modulus (<c>n</c>).</summary>
    public string Modulus { get; }

    /// <summary>The base64url exponent (<c>e</c>).</summary>
    public string Exponent { get; }

    public static SigningKey Generate() => new(RSA.Create(2048));

    /// <summary>Loads an RSA private key from a PEM file (PKCS#1 or PKCS#8).</summary>
    public static SigningKey Load(string path)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        catch (IOException ex)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"The signing key file '{path}' cannot be read: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"The signing key file '{path}' holds no RSA private key in PEM form.", ex);
        }

        return new SigningKey(rsa);
    }

    /// <summary>Reads an RSA private key from PEM text (the data directory keeps each pool's key so).</summary>
    public static SigningKey FromPem(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (ArgumentException ex)
        {
            rsa.Dispose();
            throw new InvalidOperationException("A pool's signing key is not an RSA private key in PEM form.", ex);
        }

        return new SigningKey(rsa);
    }

    /// <summary>Writes the public JWK as Cognito's JWKS lists it.</summary>
    public void WriteJwk(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("alg", "RS256");
        writer.WriteString("e", Exponent);
        writer.WriteString("kid", KeyId);
        writer.WriteString("kty", "RSA");
        writer.WriteString("n", Modulus);
        writer.WriteString("use", "sig");
        writer.WriteEndObject();
    }

    public void Dispose() => Rsa.Dispose();

    public override string ToString() => $"SigningKey {{ KeyId = {KeyId} }}";
}

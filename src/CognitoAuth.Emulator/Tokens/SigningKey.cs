using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace CognitoAuth.Emulator.Tokens;

/// <summary>
/// The RSA key the pool signs tokens with (RS256), its <c>kid</c> and its public JWK. Taken from a
/// <see cref="SigningKeySupply"/> (made ahead, off the request path), or loaded from a PEM file so tokens stay valid
/// across restarts.
/// </summary>
/// <remarks>
/// A key the supply had none ready for is <see cref="Deferred"/>: the pool is usable at once, the supply's background thread
/// generates the key next, and only a first use of the key itself (a token signed, the JWKS served, the key saved) before
/// then waits for it — or generates it there, if the background thread has not reached it yet.
/// </remarks>
internal sealed class SigningKey : IDisposable
{
    private readonly Lazy<RSA> _rsa;
    private readonly Lazy<(string Modulus, string Exponent, string KeyId)> _public;
    private volatile bool _disposed;

    private SigningKey(RSA rsa)
        : this(new Lazy<RSA>(rsa))
    {
    }

    private SigningKey(Lazy<RSA> rsa)
    {
        _rsa = rsa;
        _public = new Lazy<(string, string, string)>(() => PublicPart(_rsa.Value));
    }

    public RSA Rsa => _rsa.Value;

    public string KeyId => _public.Value.KeyId;

    /// <summary>The base64url modulus (<c>n</c>).</summary>
    public string Modulus => _public.Value.Modulus;

    /// <summary>The base64url exponent (<c>e</c>).</summary>
    public string Exponent => _public.Value.Exponent;

    /// <summary>Generates a 2048-bit key now, on the calling thread (what the supply does on its background thread).</summary>
    public static SigningKey Generate() => new(NewRsa());

    /// <summary>
    /// A 2048-bit key generated later: by <see cref="Materialize"/> (the supply's background thread), or on its first use,
    /// whichever comes first.
    /// </summary>
    public static SigningKey Deferred() => new(new Lazy<RSA>(NewRsa, LazyThreadSafetyMode.ExecutionAndPublication));

    /// <summary>Generates a <see cref="Deferred"/> key now, unless it was already used (or disposed, which it then honours).</summary>
    public void Materialize()
    {
        if (_disposed)
        {
            return;
        }

        var rsa = _rsa.Value;
        if (_disposed)
        {
            rsa.Dispose();
        }
    }

    // The whole key is generated here, not on first signature: RSA.Create(2048) alone defers it on some platforms.
    private static RSA NewRsa()
    {
        var rsa = RSA.Create(2048);
        _ = rsa.ExportParameters(includePrivateParameters: false);
        return rsa;
    }

    private static (string Modulus, string Exponent, string KeyId) PublicPart(RSA rsa)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var modulus = Base64Url.EncodeToString(parameters.Modulus);
        var exponent = Base64Url.EncodeToString(parameters.Exponent);

        // Cognito's kids are base64 strings of a digest; the RFC 7638 thumbprint gives one that is stable per key.
        var thumbprintInput = $$"""{"e":"{{exponent}}","kty":"RSA","n":"{{modulus}}"}""";
        return (modulus, exponent, Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(thumbprintInput))));
    }

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

    public void Dispose()
    {
        // A key still being generated is disposed by its generator once done (Materialize).
        _disposed = true;
        if (_rsa.IsValueCreated)
        {
            _rsa.Value.Dispose();
        }
    }

    public override string ToString() => _public.IsValueCreated ? $"SigningKey {{ KeyId = {KeyId} }}" : "SigningKey { (being generated) }";
}

using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace CognitoAuth.Emulator.Pool.Srp;

/// <summary>
/// One <c>USER_SRP_AUTH</c> sign-in, server side. <see cref="TryStart"/> takes the client's <c>SRP_A</c> and the user's
/// <see cref="PasswordVerifier"/>, picks the server's ephemeral b and gives the <c>PASSWORD_VERIFIER</c> challenge
/// (<see cref="SaltHex"/>, <see cref="SrpB"/>, <see cref="SecretBlock"/>); <see cref="Verify"/> checks the answer.
/// The session key is derived at the start and b dropped, so the object holds no value that gives the password away;
/// it shows none in <see cref="ToString"/>. Keep it with the challenge session (single use, 3 minutes).
/// </summary>
internal sealed class SrpServerChallenge
{
    /// <summary>
    /// How far <c>TIMESTAMP</c> may be from the server's clock, either way. AWS does not document it; clients more than about
    /// five minutes off are reported to fail with "Incorrect username or password." (amazon-cognito-auth-js #199,
    /// amazon-cognito-identity-js #58).
    /// </summary>
    public static readonly TimeSpan TimestampTolerance = TimeSpan.FromMinutes(5);

    // 256-bit b: RFC 5054's floor for SRP ephemerals; the work per sign-in is a quarter of a 1024-bit one.
    private const int EphemeralBytes = 32;
    private const int SecretBlockBytes = 1024;

    private static readonly byte[] KeyInfo = Encoding.UTF8.GetBytes("Caldera Derived Key");

    private readonly PasswordVerifier _verifier;
    private readonly byte[] _secretBlock;
    private readonly byte[] _key;

    private SrpServerChallenge(PasswordVerifier verifier, string srpB, byte[] secretBlock, byte[] key)
    {
        _verifier = verifier;
        SrpB = srpB;
        _secretBlock = secretBlock;
        SecretBlock = Convert.ToBase64String(secretBlock);
        _key = key;
    }

    /// <summary><c>SALT</c>: the verifier's salt in hex.</summary>
    public string SaltHex => _verifier.SaltHex;

    /// <summary><c>SRP_B</c>: (k·v + g^b) mod N in lower-case hex.</summary>
    public string SrpB { get; }

    /// <summary><c>SECRET_BLOCK</c>: opaque random bytes, Base64; the answer must return it and sign it.</summary>
    public string SecretBlock { get; }

    /// <summary><c>USER_ID_FOR_SRP</c> (and the challenge's <c>USERNAME</c>).</summary>
    public string UserIdForSrp => _verifier.UserIdForSrp;

    /// <summary>
    /// Starts the server's half for the client's <paramref name="srpA"/>; false, with the reason, when A is not a hex number
    /// or A mod N = 0.
    /// </summary>
    /// <param name="verifier">The user's verifier.</param>
    /// <param name="srpA">The <c>SRP_A</c> auth parameter.</param>
    /// <param name="challenge">The started challenge.</param>
    /// <param name="rejection">Why <paramref name="srpA"/> was refused, or <see cref="SrpARejection.None"/>.</param>
    /// <param name="random">Random bytes of the given length (default: the system CSPRNG).</param>
    public static bool TryStart(
        PasswordVerifier verifier, string? srpA, [NotNullWhen(true)] out SrpServerChallenge? challenge, out SrpARejection rejection, Func<int, byte[]>? random = null)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        random ??= RandomNumberGenerator.GetBytes;
        challenge = null;
        if (!SrpMath.TryParseHex(srpA, out var a))
        {
            rejection = SrpARejection.Malformed;
            return false;
        }

        if ((a % SrpMath.N).IsZero)
        {
            rejection = SrpARejection.ZeroModN;
            return false;
        }

        var n = SrpMath.N;
        var v = verifier.Verifier;
        BigInteger b, largeB, u;
        do
        {
            b = new BigInteger(random(EphemeralBytes), isUnsigned: true, isBigEndian: true);
            largeB = ((SrpMath.K * v) + GeneratorPowers.Pow(b)) % n;
            u = SrpMath.Hash(SrpMath.Encode(a), SrpMath.Encode(largeB));
        }
        while (b.IsZero || largeB.IsZero || u.IsZero);

        // S = (A · v^u)^b mod N; the client reaches the same S from a and x.
        var s = BigInteger.ModPow(a * BigInteger.ModPow(v, u, n) % n, b, n);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, SrpMath.Encode(s), 16, SrpMath.Encode(u), KeyInfo);
        challenge = new SrpServerChallenge(verifier, SrpMath.ToHex(largeB), random(SecretBlockBytes), key);
        rejection = SrpARejection.None;
        return true;
    }

    /// <summary>
    /// Checks a <c>PASSWORD_VERIFIER</c> answer at <paramref name="now"/>. The signature is compared in constant time.
    /// </summary>
    /// <param name="secretBlock"><c>PASSWORD_CLAIM_SECRET_BLOCK</c>: must be this challenge's <see cref="SecretBlock"/>.</param>
    /// <param name="timestamp"><c>TIMESTAMP</c>.</param>
    /// <param name="signature"><c>PASSWORD_CLAIM_SIGNATURE</c> (Base64).</param>
    /// <param name="now">The server's clock.</param>
    public SrpProofResult Verify(string? secretBlock, string? timestamp, string? signature, DateTimeOffset now)
    {
        if (!SrpTimestamp.TryParse(timestamp, out var signedAt))
        {
            return SrpProofResult.MalformedTimestamp;
        }

        if ((signedAt - now).Duration() > TimestampTolerance)
        {
            return SrpProofResult.StaleTimestamp;
        }

        var blockMatches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SecretBlock), Encoding.UTF8.GetBytes(secretBlock ?? string.Empty));
        byte[] message =
        [
            .. Encoding.UTF8.GetBytes(_verifier.PoolName),
            .. Encoding.UTF8.GetBytes(_verifier.UserIdForSrp),
            .. _secretBlock,
            .. Encoding.UTF8.GetBytes(SrpTimestamp.Canonical(signedAt)),
        ];
        var expected = HMACSHA256.HashData(_key, message);
        var presented = new byte[expected.Length];
        var signatureMatches = signature is not null
            && Convert.TryFromBase64String(signature, presented, out var written)
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(expected, presented);
        return blockMatches && signatureMatches ? SrpProofResult.Verified : SrpProofResult.Mismatch;
    }

    public override string ToString() => $"SrpServerChallenge {{ UserIdForSrp = {UserIdForSrp}, SrpB = ***, SecretBlock = *** }}";
}

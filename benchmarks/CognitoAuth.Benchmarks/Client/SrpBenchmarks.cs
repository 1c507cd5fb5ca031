using System.Numerics;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using CognitoAuth.Benchmarks.Infrastructure;
using CognitoAuth.Client.Authentication.Srp;

namespace CognitoAuth.Benchmarks.Client;

/// <summary>
/// Issue 23's SRP target: the client's CPU cost of one <c>USER_SRP_AUTH</c> sign-in — a fresh 256-bit ephemeral and
/// <c>SRP_A = g^a</c>, then the <c>PASSWORD_VERIFIER</c> answer (g^x, the 512-bit-exponent power that gives S, the HKDF and
/// the HMAC), all on <see cref="BigInteger.ModPow(BigInteger, BigInteger, BigInteger)"/> — target ≤ 25 ms. No network: the
/// challenge is made once in setup, shaped as Cognito's (16-byte salt, B below N, a 1,024-byte secret block). The last one
/// is that power alone, the bulk of a sign-in.
/// </summary>
[MemoryDiagnoser]
[MicroJob]
public class SrpBenchmarks
{
    private const string PoolId = "ap-northeast-1_AbC123xyz";
    private const string Password = "Bench-Pa55word!";
    private static readonly DateTimeOffset Time = new(2026, 11, 26, 14, 7, 0, TimeSpan.Zero);

    private Dictionary<string, string> _challenge = null!;
    private BigInteger _base;
    private BigInteger _exponent;

    [GlobalSetup]
    public void Setup()
    {
        var largeB = new BigInteger(RandomNumberGenerator.GetBytes(384), isUnsigned: true, isBigEndian: true) % SrpGroup.N;
        _challenge = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SALT"] = "5a" + Convert.ToHexString(RandomNumberGenerator.GetBytes(15)).ToLowerInvariant(),
            ["SRP_B"] = SrpInteger.ToHex(largeB),
            ["SECRET_BLOCK"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(1024)),
            ["USER_ID_FOR_SRP"] = "2f5d2c8e-7a61-4f0e-9c3b-1d2e3f4a5b6c",
        };

        _base = new BigInteger(RandomNumberGenerator.GetBytes(384), isUnsigned: true, isBigEndian: true) % SrpGroup.N;
        _exponent = new BigInteger(RandomNumberGenerator.GetBytes(64), isUnsigned: true, isBigEndian: true);
        var claim = Answer();
        if (Convert.FromBase64String(claim.Signature).Length != 32 || claim.Timestamp != "Thu Nov 26 14:07:00 UTC 2026")
        {
            throw new InvalidOperationException("The SRP answer is not a 32-byte signature at the fixed time.");
        }
    }

    [Benchmark(Description = "SRP_A: fresh a, A = g^a mod N")]
    public string Start() => SrpSignIn.Start().SrpA;

    [Benchmark(Baseline = true, Description = "SRP sign-in, client CPU: SRP_A, then the PASSWORD_VERIFIER answer")]
    public string SignIn() => Answer().Signature;

    [Benchmark(Description = "S's power (3072-bit modulus, 512-bit exponent), BigInteger.ModPow")]
    public BigInteger Power() => BigInteger.ModPow(_base, _exponent, SrpGroup.N);

    private PasswordClaim Answer() => SrpSignIn.Start().AnswerPasswordVerifier(_challenge, PoolId, Password, Time);
}

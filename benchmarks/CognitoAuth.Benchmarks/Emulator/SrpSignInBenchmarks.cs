using System.Numerics;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using CognitoAuth.Benchmarks.Infrastructure;
using CognitoAuth.Emulator.Pool.Srp;

namespace CognitoAuth.Benchmarks.Emulator;

/// <summary>
/// Issue 14: what one <c>USER_SRP_AUTH</c> sign-in costs the emulator, server side — the <c>PASSWORD_VERIFIER</c> challenge
/// (a fresh 256-bit b, B = k·v + g^b through the fixed-base table, u, then S = (A·v^u)^b with <c>BigInteger.ModPow</c>, and the
/// session key) and the answer's check (HMAC-SHA-256 over a 1,024-byte secret block) — and what passwords cost now that the
/// pool keeps verifiers: making one (each password set), and checking a password the first time (one fixed-base power) and
/// again (the remembered digest of x, what the password sign-in throughput runs on). No network; the client's A is made once
/// in setup.
/// </summary>
[MemoryDiagnoser]
[MicroJob]
public class SrpSignInBenchmarks
{
    private const string PoolName = "AbC123xyz";
    private const string UserId = "2f5d2c8e-7a61-4f0e-9c3b-1d2e3f4a5b6c";
    private const string Password = "Bench-Pa55word!";
    private const string Timestamp = "Thu Nov 26 14:07:00 UTC 2026";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 14, 7, 0, TimeSpan.Zero);

    private PasswordVerifier _verifier = null!;
    private string _srpA = null!;
    private SrpServerChallenge _challenge = null!;
    private string _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _verifier = PasswordVerifier.Create(PoolName, UserId, Password);
        var a = new BigInteger(RandomNumberGenerator.GetBytes(32), isUnsigned: true, isBigEndian: true);
        _srpA = Convert.ToHexStringLower(BigInteger.ModPow(SrpMath.G, a, SrpMath.N).ToByteArray(isUnsigned: true, isBigEndian: true));
        _challenge = Start();
        _signature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        if (!_verifier.Matches(Password) || _verifier.Matches(Password + "x"))
        {
            throw new InvalidOperationException("The verifier does not tell its password from another.");
        }
    }

    [Benchmark(Description = "InitiateAuth USER_SRP_AUTH, server: the PASSWORD_VERIFIER challenge")]
    public string Challenge() => Start().SrpB;

    // A made-up signature: the check does the same work (HMAC, constant-time compare) whether or not it matches.
    [Benchmark(Description = "RespondToAuthChallenge PASSWORD_VERIFIER, server: the proof's check")]
    public bool Proof() => _challenge.Verify(_challenge.SecretBlock, Timestamp, _signature, Now) == SrpProofResult.Verified;

    [Benchmark(Description = "A new password's verifier (each password set)")]
    public byte[] NewVerifier() => PasswordVerifier.Create(PoolName, UserId, Password).VerifierBytes;

    [Benchmark(Description = "Password check, first time: x and g^x")]
    public bool FirstCheck() => PasswordVerifier.FromParts(PoolName, UserId, _verifier.Salt, _verifier.VerifierBytes)!.Matches(Password);

    [Benchmark(Description = "Password check, again: x and the remembered digest")]
    public bool RepeatedCheck() => _verifier.Matches(Password);

    private SrpServerChallenge Start() =>
        SrpServerChallenge.TryStart(_verifier, _srpA, out var challenge, out _) ? challenge : throw new InvalidOperationException("SRP_A refused.");
}

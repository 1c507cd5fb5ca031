using System.Numerics;
using System.Security.Cryptography;
using CognitoAuth.Emulator.Pool.Srp;

namespace CognitoAuth.Emulator.Tests.Pool.Srp;

using Peer = AmazonCognitoIdentityJsPeer;

/// <summary>
/// The emulator's SRP server against AWS's own client: amazon-cognito-identity-js (node) answers the challenge our server
/// made (its salt, B and secret block) and our server checks that answer — and refuses it when anything is off.
/// </summary>
public sealed class SrpServerChallengeTests
{
    private const string UserId = "2f5d2c8e-7a61-4f0e-9c3b-1d2e3f4a5b6c";
    private const string Password = "Pa55-word!srp";
    private const string Timestamp = "Tue Feb 3 07:05:09 UTC 2026";
    private static readonly DateTimeOffset Now = new(2026, 2, 3, 7, 5, 9, TimeSpan.Zero);

    public static TheoryData<string, string, string, byte> Users => new()
    {
        { "ordinary", UserId, Password, 0x3c },
        { "salt with its high bit set", "alice", Password, 0x9f },
        { "salt starting with 01", "alice", Password, 0x01 },
        { "non-ASCII user and password", "ユーザー", "パスワード-Ünïcode-1!", 0x5a },
    };

    [Theory]
    [MemberData(nameof(Users))]
    public void Verify_AnswerOfAmazonCognitoIdentityJs_IsVerified(string name, string userId, string password, byte saltFirstByte)
    {
        Assert.NotNull(name);
        var verifier = PasswordVerifier.Create(Peer.PoolName, userId, password, Salt(saltFirstByte));
        var (a, challenge) = Start(verifier);

        var answer = Peer.Answer(a, password, challenge.SaltHex, challenge.SrpB, challenge.SecretBlock, challenge.UserIdForSrp, Timestamp);

        Assert.Equal(userId, answer["USERNAME"]);
        Assert.Equal(challenge.SecretBlock, answer["PASSWORD_CLAIM_SECRET_BLOCK"]);
        Assert.Equal(SrpProofResult.Verified, Verify(challenge, answer, Now));
    }

    [Fact]
    public void Verify_WrongPassword_IsAMismatch()
    {
        var (a, challenge) = Start(PasswordVerifier.Create(Peer.PoolName, UserId, Password));

        var answer = Peer.Answer(a, Password + "x", challenge.SaltHex, challenge.SrpB, challenge.SecretBlock, UserId, Timestamp);

        Assert.Equal(SrpProofResult.Mismatch, Verify(challenge, answer, Now));
    }

    [Fact]
    public void Verify_AnswerForAnotherPoolOrUser_IsAMismatch()
    {
        var (a, challenge) = Start(PasswordVerifier.Create(Peer.PoolName, UserId, Password));

        var otherPool = Peer.Answer(a, Password, challenge.SaltHex, challenge.SrpB, challenge.SecretBlock, UserId, Timestamp, "ap-northeast-1_Other1234");
        var otherUser = Peer.Answer(a, Password, challenge.SaltHex, challenge.SrpB, challenge.SecretBlock, "mallory", Timestamp);

        Assert.Equal(SrpProofResult.Mismatch, Verify(challenge, otherPool, Now));
        Assert.Equal(SrpProofResult.Mismatch, Verify(challenge, otherUser, Now));
    }

    [Fact]
    public void Verify_TamperedSignatureOrSecretBlock_IsAMismatch()
    {
        var (a, challenge) = Start(PasswordVerifier.Create(Peer.PoolName, UserId, Password));
        var answer = Peer.Answer(a, Password, challenge.SaltHex, challenge.SrpB, challenge.SecretBlock, UserId, Timestamp);
        var signature = Convert.FromBase64String(answer["PASSWORD_CLAIM_SIGNATURE"]);
        signature[7] ^= 0x01;
        var otherBlock = Convert.ToBase64String(RandomNumberGenerator.GetBytes(1024));

        Assert.Equal(SrpProofResult.Mismatch, challenge.Verify(challenge.SecretBlock, Timestamp, Convert.ToBase64String(signature), Now));
        Assert.Equal(SrpProofResult.Mismatch, challenge.Verify(challenge.SecretBlock, Timestamp, "not base64!", Now));
        Assert.Equal(SrpProofResult.Mismatch, challenge.Verify(challenge.SecretBlock, Timestamp, Convert.ToBase64String(new byte[33]), Now));
        Assert.Equal(SrpProofResult.Mismatch, challenge.Verify(challenge.SecretBlock, Timestamp, null, Now));
        Assert.Equal(SrpProofResult.Mismatch, challenge.Verify(otherBlock, Timestamp, answer["PASSWORD_CLAIM_SIGNATURE"], Now));
        Assert.Equal(SrpProofResult.Mismatch, challenge.Verify(null, Timestamp, answer["PASSWORD_CLAIM_SIGNATURE"], Now));
        Assert.Equal(SrpProofResult.Verified, Verify(challenge, answer, Now));
    }

    [Fact]
    public void Verify_AnswerToAnotherChallenge_IsAMismatch()
    {
        var verifier = PasswordVerifier.Create(Peer.PoolName, UserId, Password);
        var (a, first) = Start(verifier);
        var (_, second) = Start(verifier);
        var answer = Peer.Answer(a, Password, first.SaltHex, first.SrpB, first.SecretBlock, UserId, Timestamp);

        Assert.Equal(SrpProofResult.Mismatch, second.Verify(first.SecretBlock, Timestamp, answer["PASSWORD_CLAIM_SIGNATURE"], Now));
    }

    [Theory]
    [InlineData(-301, nameof(SrpProofResult.StaleTimestamp))]
    [InlineData(-299, nameof(SrpProofResult.Verified))]
    [InlineData(299, nameof(SrpProofResult.Verified))]
    [InlineData(301, nameof(SrpProofResult.StaleTimestamp))]
    public void Verify_TimestampFarFromTheServersClock_IsStale(int serverClockOffsetSeconds, string expected)
    {
        var (a, challenge) = Start(PasswordVerifier.Create(Peer.PoolName, UserId, Password));
        var answer = Peer.Answer(a, Password, challenge.SaltHex, challenge.SrpB, challenge.SecretBlock, UserId, Timestamp);

        Assert.Equal(Enum.Parse<SrpProofResult>(expected), Verify(challenge, answer, Now.AddSeconds(serverClockOffsetSeconds)));
    }

    [Theory]
    [InlineData("Tue Feb 03 07:05:09 UTC 2026")] // zero-padded day (warrant #12: AWS refuses it as a wrong password)
    [InlineData("Mon Feb 3 07:05:09 UTC 2026")] // the weekday does not fit the date
    public void Verify_SignedNonCanonicalTimestamp_IsAMismatchAsOnAws(string timestamp)
    {
        var (a, challenge) = Start(PasswordVerifier.Create(Peer.PoolName, UserId, Password));

        var answer = Peer.Answer(a, Password, challenge.SaltHex, challenge.SrpB, challenge.SecretBlock, UserId, timestamp);

        Assert.Equal(timestamp, answer["TIMESTAMP"]);
        Assert.Equal(SrpProofResult.Mismatch, Verify(challenge, answer, Now));
    }

    [Theory]
    [InlineData("2026-02-03T07:05:09Z")]
    [InlineData("Tue Feb 3 07:05:09 GMT 2026")]
    [InlineData("Tue Feb 3 07:05:09 +0000 2026")]
    [InlineData("tue feb 3 07:05:09 UTC 2026")]
    [InlineData("Tue Feb 3 7:05:09 UTC 2026")]
    [InlineData("Tue Feb 30 07:05:09 UTC 2026")]
    [InlineData("Tue Feb 0 07:05:09 UTC 2026")]
    [InlineData("Tue Feb 3 24:05:09 UTC 2026")]
    [InlineData("Tue Feb  3 07:05:09 UTC 2026")]
    [InlineData(" Tue Feb 3 07:05:09 UTC 2026")]
    [InlineData("Tue Feb 3 07:05:09 UTC 2026\n")]
    [InlineData("Tue Feb 3 07:05:09 UTC 26")]
    [InlineData("")]
    [InlineData(null)]
    public void Verify_MalformedTimestamp_IsReportedAsSuch(string? timestamp)
    {
        var (_, challenge) = Start(PasswordVerifier.Create(Peer.PoolName, UserId, Password));

        Assert.Equal(SrpProofResult.MalformedTimestamp, challenge.Verify(challenge.SecretBlock, timestamp, Convert.ToBase64String(new byte[32]), Now));
    }

    [Fact]
    public void TryStart_SrpAOfAmazonCognitoIdentityJs_GivesAChallengeShapedAsCognitos()
    {
        var verifier = PasswordVerifier.Create(Peer.PoolName, UserId, Password);
        var (_, challenge) = Start(verifier);
        var (_, another) = Start(verifier);

        var largeB = BigInteger.Parse("0" + challenge.SrpB, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(largeB, BigInteger.One, SrpMath.N - 1);
        Assert.Matches("^[1-9a-f][0-9a-f]*$", challenge.SrpB);
        Assert.Matches("^[0-9a-f]{32}$", challenge.SaltHex);
        Assert.Equal(1024, Convert.FromBase64String(challenge.SecretBlock).Length);
        Assert.Equal(UserId, challenge.UserIdForSrp);
        Assert.NotEqual(challenge.SrpB, another.SrpB);
        Assert.NotEqual(challenge.SecretBlock, another.SecretBlock);
        Assert.Equal(challenge.SaltHex, another.SaltHex);
    }

    public static TheoryData<string?, string> BadSrpA => new()
    {
        { "0", nameof(SrpARejection.ZeroModN) },
        { "000000", nameof(SrpARejection.ZeroModN) },
        { SrpMath.ToHex(SrpMath.N), nameof(SrpARejection.ZeroModN) },
        { SrpMath.ToHex(SrpMath.N * 2), nameof(SrpARejection.ZeroModN) },
        { SrpMath.ToHex(SrpMath.N).ToUpperInvariant(), nameof(SrpARejection.ZeroModN) },
        { "xyz", nameof(SrpARejection.Malformed) },
        { "0x1234", nameof(SrpARejection.Malformed) },
        { "12 34", nameof(SrpARejection.Malformed) },
        { new string('f', 1537), nameof(SrpARejection.Malformed) },
        { "", nameof(SrpARejection.Malformed) },
        { null, nameof(SrpARejection.Malformed) },
    };

    [Theory]
    [MemberData(nameof(BadSrpA))]
    public void TryStart_ZeroOrMalformedSrpA_IsRefused(string? srpA, string expected)
    {
        var verifier = PasswordVerifier.Create(Peer.PoolName, UserId, Password);

        Assert.False(SrpServerChallenge.TryStart(verifier, srpA, out var challenge, out var rejection));
        Assert.Null(challenge);
        Assert.Equal(Enum.Parse<SrpARejection>(expected), rejection);
    }

    [Fact]
    public void Create_RandomSaltStartsWith00_DrawsAgain()
    {
        var draws = new Queue<byte[]>([[0x00, .. RandomNumberGenerator.GetBytes(15)], [0x00, 0x9f, .. RandomNumberGenerator.GetBytes(14)], [0x42, .. new byte[15]]]);

        var verifier = PasswordVerifier.Create(Peer.PoolName, UserId, Password, _ => draws.Dequeue());

        Assert.Equal("42" + new string('0', 30), verifier.SaltHex);
        Assert.Empty(draws);
    }

    [Fact]
    public void PrivateValue_SaltWithALeadingZeroByte_IsHashedAsClientsReadTheHex()
    {
        // Clients parse SALT as an integer: "004e…" and "4e…" are the same salt to them. The server hashes it the same way,
        // which is why it never issues such a salt (a server hashing the raw 16 bytes would disagree with every client).
        byte[] salt = [0x00, 0x4e, .. RandomNumberGenerator.GetBytes(14)];

        var asInteger = PasswordVerifier.PrivateValue(Peer.PoolName, UserId, Password, salt);

        Assert.Equal(asInteger, PasswordVerifier.PrivateValue(Peer.PoolName, UserId, Password, salt[1..]));
        var rawBytes = SrpMath.Hash(salt, SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Peer.PoolName}{UserId}:{Password}")));
        Assert.NotEqual(asInteger, rawBytes);
    }

    [Fact]
    public void ToString_ShowsNoSaltVerifierBOrSecretBlock()
    {
        var verifier = PasswordVerifier.Create(Peer.PoolName, UserId, Password);
        var (_, challenge) = Start(verifier);

        foreach (var text in new[] { verifier.ToString(), challenge.ToString() })
        {
            Assert.DoesNotContain(verifier.SaltHex, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(SrpMath.ToHex(verifier.Verifier)[..32], text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(challenge.SrpB[..32], text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(challenge.SecretBlock[..32], text, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        }
    }

    private static SrpProofResult Verify(SrpServerChallenge challenge, IReadOnlyDictionary<string, string> answer, DateTimeOffset now) =>
        challenge.Verify(answer["PASSWORD_CLAIM_SECRET_BLOCK"], answer["TIMESTAMP"], answer["PASSWORD_CLAIM_SIGNATURE"], now);

    /// <summary>A fresh client ephemeral (as AWS's clients draw it: 128 bytes), node's SRP_A for it, and our challenge.</summary>
    private static (string A, SrpServerChallenge Challenge) Start(PasswordVerifier verifier)
    {
        var a = Convert.ToHexString(RandomNumberGenerator.GetBytes(128));
        Assert.True(SrpServerChallenge.TryStart(verifier, Peer.SrpA(a), out var challenge, out var rejection));
        Assert.Equal(SrpARejection.None, rejection);
        return (a, challenge);
    }

    private static Func<int, byte[]> Salt(byte first) => length => [first, .. RandomNumberGenerator.GetBytes(length - 1)];
}

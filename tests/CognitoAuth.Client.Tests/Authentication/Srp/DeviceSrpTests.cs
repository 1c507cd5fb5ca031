using System.Numerics;
using System.Text.Json.Nodes;
using CognitoAuth.Client.Authentication.Srp;
using static CognitoAuth.Client.Tests.Authentication.Srp.SrpSignInTests;

namespace CognitoAuth.Client.Tests.Authentication.Srp;

/// <summary>
/// A remembered device against AWS's own amazon-cognito-identity-js (run in node): the <c>DeviceSecretVerifierConfig</c> that
/// confirms a device equals its <c>generateHashDevice(deviceGroupKey, deviceKey)</c> for the same device password and salt,
/// and the <c>DEVICE_SRP_AUTH</c> → <c>DEVICE_PASSWORD_VERIFIER</c> answers equal its <c>getDeviceResponse</c>'s for the same
/// a, challenge and timestamp — the signature over the device group key and device key, byte for byte.
/// </summary>
public sealed class DeviceSrpTests
{
    private const string PoolId = "ap-northeast-1_AbC123xyz";
    private const string DeviceKey = "ap-northeast-1_8f2c9a4e-1b7d-4c3a-9e5f-2d6b8a0c4e1f";
    private const string GroupKey = "-Xq3ZtRm9";
    private static readonly DateTimeOffset Time = new(2026, 2, 3, 7, 5, 9, TimeSpan.Zero);

    // The salts cover pad(): an ordinary first byte, a high one (pad adds 0x00), and a leading 0x00 (the integer drops it).
    [Theory]
    [InlineData("ordinary", "3c")]
    [InlineData("high bit", "b7")]
    [InlineData("leading zero", "00")]
    public void DeviceVerifier_FixedPasswordAndSalt_EqualsAmazonCognitoIdentityJs(string label, string firstSaltByte)
    {
        var passwordBytes = Bytes("password-" + label, 40);
        byte[] salt = [Convert.FromHexString(firstSaltByte)[0], .. Bytes("salt-" + label, 15)];
        var draws = new Queue<byte[]>([passwordBytes, salt]);

        var verifier = DeviceVerifier.Create(DeviceKey, GroupKey, span => draws.Dequeue().CopyTo(span));

        Assert.Equal(Convert.ToBase64String(passwordBytes), verifier.Device.DevicePassword);
        var js = AmazonCognitoIdentityJs.Run(new JsonObject
        {
            ["op"] = "deviceVerifier",
            ["deviceGroupKey"] = GroupKey,
            ["deviceKey"] = DeviceKey,
            ["password"] = verifier.Device.DevicePassword,
            ["salt"] = Convert.ToHexString(salt).ToLowerInvariant(),
        })[0];
        Assert.Equal(js["PasswordVerifier"]!.GetValue<string>(), verifier.PasswordVerifier);
        Assert.Equal(js["Salt"]!.GetValue<string>(), verifier.Salt);
        Assert.Equal(DeviceKey, verifier.Device.DeviceKey);
        Assert.Equal(GroupKey, verifier.Device.DeviceGroupKey);
    }

    [Fact]
    public void DeviceVerifier_WithoutASource_DrawsAFreshPasswordAndSaltEachTime()
    {
        var first = DeviceVerifier.Create(DeviceKey, GroupKey);
        var second = DeviceVerifier.Create(DeviceKey, GroupKey);

        Assert.NotEqual(first.Device.DevicePassword, second.Device.DevicePassword);
        Assert.NotEqual(first.Salt, second.Salt);
        Assert.Equal(40, Convert.FromBase64String(first.Device.DevicePassword).Length);
        Assert.DoesNotContain(first.Device.DevicePassword, first.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ordinary salt", "3c")]
    [InlineData("salt starting with 00", "004e")]
    public void AnswerDevicePasswordVerifier_FixedInputs_EqualsAmazonCognitoIdentityJs(string vector, string saltPrefix)
    {
        var a = Bytes("a-" + vector, SrpSignIn.EphemeralBytes);
        var device = new CognitoDevice { DeviceKey = DeviceKey, DeviceGroupKey = GroupKey, DevicePassword = Convert.ToBase64String(Bytes("password-" + vector, 40)) };
        var challenge = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SALT"] = saltPrefix + Convert.ToHexString(Bytes("salt-" + vector, 15)).ToLowerInvariant(),
            ["SRP_B"] = Convert.ToHexString((new BigInteger(Bytes("B-" + vector, 384), isUnsigned: true, isBigEndian: true) % SrpGroup.N).ToByteArray(isUnsigned: true, isBigEndian: true)).ToLowerInvariant(),
            ["SECRET_BLOCK"] = Convert.ToBase64String(Bytes("block-" + vector, 1024)),
        };

        var srp = SrpSignIn.Start(Fixed(a));
        var claim = srp.AnswerDevicePasswordVerifier(challenge, device, Time);

        var js = AmazonCognitoIdentityJs.Run(new JsonObject
        {
            ["op"] = "deviceSrp",
            ["userPoolId"] = PoolId,
            ["username"] = "alice",
            ["deviceGroupKey"] = GroupKey,
            ["deviceKey"] = DeviceKey,
            ["password"] = device.DevicePassword,
            ["a"] = Convert.ToHexString(a),
            ["challenge"] = new JsonObject(challenge.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["timestamp"] = claim.Timestamp,
        })[0];
        Assert.Equal(js["srpA"]!.GetValue<string>(), srp.SrpA);
        Assert.Equal(DeviceKey, js["deviceSrpAuth"]!["DEVICE_KEY"]!.GetValue<string>());
        var expected = js["devicePasswordVerifier"]!.AsObject();
        Assert.Equal(expected["PASSWORD_CLAIM_SIGNATURE"]!.GetValue<string>(), claim.Signature);
        Assert.Equal(expected["PASSWORD_CLAIM_SECRET_BLOCK"]!.GetValue<string>(), claim.SecretBlock);
        Assert.Equal(expected["TIMESTAMP"]!.GetValue<string>(), claim.Timestamp);
        Assert.Equal(expected["DEVICE_KEY"]!.GetValue<string>(), claim.Username);
    }

    [Fact]
    public void AnswerDevicePasswordVerifier_WrongDevicePassword_GivesAnotherSignature()
    {
        var a = Bytes("a", SrpSignIn.EphemeralBytes);
        var challenge = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SALT"] = "3c" + Convert.ToHexString(Bytes("salt", 15)),
            ["SRP_B"] = "1a2b3c4d5e6f7081",
            ["SECRET_BLOCK"] = Convert.ToBase64String(Bytes("block", 64)),
        };
        var device = new CognitoDevice { DeviceKey = DeviceKey, DeviceGroupKey = GroupKey, DevicePassword = "device-password" };

        var right = SrpSignIn.Start(Fixed(a)).AnswerDevicePasswordVerifier(challenge, device, Time);
        var wrong = SrpSignIn.Start(Fixed(a)).AnswerDevicePasswordVerifier(challenge, new CognitoDevice { DeviceKey = DeviceKey, DeviceGroupKey = GroupKey, DevicePassword = "other" }, Time);
        var otherGroup = SrpSignIn.Start(Fixed(a)).AnswerDevicePasswordVerifier(challenge, new CognitoDevice { DeviceKey = DeviceKey, DeviceGroupKey = "-other", DevicePassword = "device-password" }, Time);

        Assert.NotEqual(right.Signature, wrong.Signature);
        Assert.NotEqual(right.Signature, otherGroup.Signature);
    }

    [Fact]
    public void AnswerDevicePasswordVerifier_MissingParameter_NamesItAndTheDeviceChallenge()
    {
        var challenge = new Dictionary<string, string>(StringComparer.Ordinal) { ["SALT"] = "3c4d", ["SECRET_BLOCK"] = "c2VjcmV0" };
        var device = new CognitoDevice { DeviceKey = DeviceKey, DeviceGroupKey = GroupKey, DevicePassword = "device-password" };

        var error = Assert.Throws<CognitoAuthenticationException>(() => SrpSignIn.Start().AnswerDevicePasswordVerifier(challenge, device, Time));

        Assert.Equal("DEVICE_PASSWORD_VERIFIER", error.ChallengeName);
        Assert.Contains("did not carry SRP_B", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("device-password", error.ToString(), StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Pool.Srp;

/// <summary>
/// AWS's amazon-cognito-identity-js and otpauth (pinned in <c>tools/amazon-cognito-identity-js</c>) playing the client
/// against the emulator's SRP and TOTP, through that folder's <c>peer.js</c>.
/// </summary>
internal static class AmazonCognitoIdentityJsPeer
{
    public const string PoolId = "ap-northeast-1_AbC123xyz";
    public const string PoolName = "AbC123xyz";

    private static readonly NodeTool Tool = new("amazon-cognito-identity-js", "amazon-cognito-identity-js", "otpauth");

    /// <summary>The <c>SRP_A</c> amazon-cognito-identity-js sends for the ephemeral <paramref name="aHex"/>.</summary>
    public static string SrpA(string aHex, string userPoolId = PoolId) =>
        Run(new JsonObject { ["op"] = "srpA", ["userPoolId"] = userPoolId, ["a"] = aHex })[0]["srpA"]!.GetValue<string>();

    /// <summary>
    /// amazon-cognito-identity-js's <c>authenticateUser</c> (ephemeral <paramref name="aHex"/>, clock at
    /// <paramref name="timestamp"/>) answering the challenge; returns its <c>PASSWORD_VERIFIER</c> responses.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Answer(
        string aHex, string password, string salt, string srpB, string secretBlock, string userIdForSrp, string timestamp, string userPoolId = PoolId)
    {
        var result = Run(new JsonObject
        {
            ["op"] = "srp",
            ["userPoolId"] = userPoolId,
            ["username"] = "typed-name@example.com",
            ["password"] = password,
            ["challenge"] = new JsonObject { ["SALT"] = salt, ["SRP_B"] = srpB, ["SECRET_BLOCK"] = secretBlock, ["USER_ID_FOR_SRP"] = userIdForSrp },
            ["timestamp"] = timestamp,
            ["a"] = aHex,
        })[0];
        Assert.Equal("PASSWORD_VERIFIER", result["challengeName"]!.GetValue<string>());
        return result["challengeResponses"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
    }

    /// <summary>otpauth's 6-digit SHA-1 codes for <paramref name="secret"/> at each Unix time.</summary>
    public static string[] TotpCodes(string secret, params long[] unixSeconds) =>
        [.. Run(new JsonObject { ["op"] = "totp", ["secret"] = secret, ["times"] = new JsonArray([.. unixSeconds.Select(t => (JsonNode)t)]) })[0]["codes"]!
            .AsArray().Select(c => c!.GetValue<string>())];

    private static JsonObject[] Run(params JsonObject[] cases)
    {
        var output = Tool.RunAsync("peer.js", new JsonArray([.. cases]).ToJsonString()).GetAwaiter().GetResult();
        var results = JsonNode.Parse(output)!.AsArray().Select(r => r!.AsObject()).ToArray();
        Assert.All(results, r => Assert.False(r.ContainsKey("error"), $"peer.js: {r["error"]}"));
        return results;
    }
}

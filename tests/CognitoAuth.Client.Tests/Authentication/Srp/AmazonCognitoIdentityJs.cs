using System.Text.Json.Nodes;
using CognitoAuth.Testing;

namespace CognitoAuth.Client.Tests.Authentication.Srp;

/// <summary>
/// AWS's own JavaScript client (amazon-cognito-identity-js) and otpauth, pinned in <c>tools/amazon-cognito-identity-js</c>,
/// driven through that folder's <c>peer.js</c> in a node process (one per call, a batch of cases each).
/// </summary>
internal static class AmazonCognitoIdentityJs
{
    private static readonly NodeTool Tool = new("amazon-cognito-identity-js", "amazon-cognito-identity-js", "otpauth");

    /// <summary>Runs the cases (each a JSON object with an <c>op</c>) and returns one result per case; a case's error fails the test.</summary>
    public static JsonObject[] Run(params JsonObject[] cases)
    {
        var output = Tool.RunAsync("peer.js", new JsonArray([.. cases]).ToJsonString()).GetAwaiter().GetResult();
        var results = JsonNode.Parse(output)!.AsArray().Select(r => r!.AsObject()).ToArray();
        Assert.Equal(cases.Length, results.Length);
        foreach (var result in results)
        {
            Assert.False(result.ContainsKey("error"), $"peer.js: {result["error"]}");
        }

        return results;
    }

    /// <summary>
    /// amazon-cognito-identity-js's <c>authenticateUser</c> (default flow, USER_SRP_AUTH) against a scripted Cognito that
    /// answers with <paramref name="challenge"/>; <paramref name="aHex"/> fixes its ephemeral secret (null: it draws one).
    /// </summary>
    public static JsonObject SrpCase(string userPoolId, string password, IReadOnlyDictionary<string, string> challenge, string timestamp, string? aHex) =>
        new()
        {
            ["op"] = "srp",
            ["userPoolId"] = userPoolId,
            ["username"] = "typed-name@example.com",
            ["password"] = password,
            ["challenge"] = new JsonObject(challenge.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["timestamp"] = timestamp,
            ["a"] = aHex,
        };
}

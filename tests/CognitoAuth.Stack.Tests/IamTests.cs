using System.Text.Json.Nodes;

namespace CognitoAuth.Stack.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class IamTests(SynthesizedStack synthesized)
{
    [Fact]
    public void Roles_All_CarryNoManagedPolicies()
    {
        var roles = synthesized.Resources("AWS::IAM::Role");

        Assert.NotEmpty(roles);
        Assert.All(roles, r => Assert.Null(r.Resource["Properties"]!["ManagedPolicyArns"]));
    }

    [Fact]
    public void Policies_NoStatement_AllowsAWildcardActionOrResource()
    {
        var statements = Statements().ToList();

        Assert.NotEmpty(statements);
        Assert.All(statements, s =>
        {
            Assert.Equal("Allow", s["Effect"]!.GetValue<string>());
            Assert.All(Strings(s["Action"]), a => Assert.DoesNotContain("*", a, StringComparison.Ordinal));
            Assert.All(Strings(s["Resource"]), r => Assert.DoesNotContain("*", r, StringComparison.Ordinal));
            Assert.Null(s["NotAction"]);
            Assert.Null(s["NotResource"]);
        });
    }

    [Theory]
    [InlineData("api")]
    [InlineData("token trigger")]
    public void FunctionRole_OnlyWritesTheFunctionsLogGroup(string which)
    {
        var (_, function) = which == "api" ? synthesized.ApiFunction : synthesized.TokenTrigger;
        var roleId = function["Properties"]!["Role"]!["Fn::GetAtt"]![0]!.GetValue<string>();
        var logGroupId = function["Properties"]!["LoggingConfig"]!["LogGroup"]!["Ref"]!.GetValue<string>();

        var role = synthesized.Json["Resources"]![roleId]!;
        var principal = role["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"]!.GetValue<string>();
        Assert.Equal("lambda.amazonaws.com", principal);
        var statement = Assert.Single(Statements(roleId));
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], Strings(statement["Action"]).Order(StringComparer.Ordinal));
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["Fn::GetAtt"] = new JsonArray(logGroupId, "Arn") },
            statement["Resource"]));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("token trigger")]
    public void Function_DependsOnItsPolicy_SoItCanLogFromTheFirstInvocation(string which)
    {
        var (_, function) = which == "api" ? synthesized.ApiFunction : synthesized.TokenTrigger;
        var roleId = function["Properties"]!["Role"]!["Fn::GetAtt"]![0]!.GetValue<string>();
        var (policyId, _) = Assert.Single(synthesized.Resources("AWS::IAM::Policy"),
            p => p.Resource["Properties"]!["Roles"]!.AsArray().Any(r => r!["Ref"]?.GetValue<string>() == roleId));

        Assert.Contains(policyId, function["DependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    /// <summary>Every statement of every policy document in the template (inline role policies included).</summary>
    private IEnumerable<JsonNode> Statements(string? roleId = null)
    {
        foreach (var (_, policy) in synthesized.Resources("AWS::IAM::Policy"))
        {
            var roles = policy["Properties"]!["Roles"]!.AsArray().Select(r => r!["Ref"]?.GetValue<string>());
            if (roleId is null || roles.Contains(roleId))
            {
                foreach (var s in policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
                {
                    yield return s!;
                }
            }
        }

        foreach (var (id, role) in synthesized.Resources("AWS::IAM::Role"))
        {
            if (roleId is not null && roleId != id)
            {
                continue;
            }

            foreach (var inline in role["Properties"]!["Policies"]?.AsArray() ?? [])
            {
                foreach (var s in inline!["PolicyDocument"]!["Statement"]!.AsArray())
                {
                    yield return s!;
                }
            }
        }
    }

    /// <summary>The literal strings of an Action or Resource value (a string, an intrinsic, or an array of either).</summary>
    private static IEnumerable<string> Strings(JsonNode? value) => value switch
    {
        null => [],
        JsonArray array => array.SelectMany(Strings),
        JsonValue v => [v.GetValue<string>()],
        JsonObject o => Literals(o),
        _ => [],
    };

    /// <summary>The string literals inside an intrinsic (e.g. the pieces of an Fn::Join).</summary>
    private static IEnumerable<string> Literals(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonArray a => a.SelectMany(Literals),
        JsonObject o when o.ContainsKey("Ref") || o.ContainsKey("Fn::GetAtt") => [],
        JsonObject o => o.Select(p => p.Value).SelectMany(Literals),
        _ => [],
    };
}

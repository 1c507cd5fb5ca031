using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

/// <summary>
/// The template a deployer runs, checked by cfn-lint against CloudFormation's schemas for the region, with rotation off
/// and on. Errors fail the test. Warnings fail it too, except one listed below with its reason, so a new warning is
/// looked at rather than scrolled past. cfn-lint 1.x's bundled schemas know every property the stack writes through
/// escape hatches (UserPoolClient <c>RefreshTokenRotation</c>, UserPoolDomain <c>ManagedLoginVersion</c>), so none is
/// excused for being unknown.
/// </summary>
[Collection(SynthesizedStackCollection.Name)]
public sealed class CfnLintTests(SynthesizedStack plain, RotatingSynthesizedStack rotating)
{
    [Fact]
    public void CfnLint_TemplateWithRotationOff_HasNoErrorAndNoUnexplainedWarning()
    {
        AssertClean(plain);
    }

    [Fact]
    public void CfnLint_TemplateWithRotationOn_HasNoErrorAndNoUnexplainedWarning()
    {
        AssertClean(rotating);
    }

    [Fact]
    public void CfnLint_ABrokenTemplate_IsReported()
    {
        // The linter must see what these tests rely on it to see: an escape-hatch property of the wrong shape.
        var broken = Path.Combine(Path.GetTempPath(), "cognitoauth-cfnlint-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var json = plain.Json.DeepClone().AsObject();
            json["Resources"]![plain.UserClient.LogicalId]!["Properties"]!["RefreshTokenRotation"]!["Feature"] = "ON";
            File.WriteAllText(broken, json.ToJsonString());

            var findings = CfnLint.Run(broken, ReferenceStack.DefaultRegion);

            Assert.Contains(findings, f => f.Level == "Error" && f.Path.Contains("RefreshTokenRotation"));
        }
        finally
        {
            File.Delete(broken);
        }
    }

    private static void AssertClean(SynthesizedStack synthesized)
    {
        string[] functionIds = [synthesized.ApiFunction.LogicalId, synthesized.TokenTrigger.LogicalId];

        var findings = CfnLint.Run(synthesized.TemplatePath, ReferenceStack.DefaultRegion);

        var unexplained = findings.Where(f => f.Level != "Informational" && !functionIds.Any(id => IsExplained(f, id))).ToList();
        Assert.True(unexplained.Count == 0, string.Join(Environment.NewLine, unexplained));
    }

    /// <summary>
    /// W3005 on the function's <c>DependsOn</c>: CDK's Function lists its role there although <c>Role</c> already refers to
    /// it (the role's policy must exist before the function is invoked, so CDK adds both); harmless and not ours to change.
    /// </summary>
    private static bool IsExplained(CfnLint.Finding finding, string functionId) =>
        finding is { Level: "Warning", RuleId: "W3005" }
        && finding.Path is ["Resources", var resource, "DependsOn", ..]
        && resource == functionId;
}

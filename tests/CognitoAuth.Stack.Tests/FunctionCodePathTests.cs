using Amazon.CDK;
using Amazon.CDK.Assertions;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class FunctionCodePathTests
{
    [Fact]
    public void Stack_FolderWithoutThePublishedFunction_FailsWithTheFix()
    {
        var empty = Directory.CreateTempSubdirectory("cognitoauth-empty-").FullName;
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => new CognitoAuthStack(new App(), ReferenceStack.StackName, new CognitoAuthStackProps
            {
                FunctionCodePath = empty,
            }));

            Assert.Contains("CognitoAuth.Function.dll", ex.Message, StringComparison.Ordinal);
            Assert.Contains("dotnet publish", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void Stack_OtherRegion_FlowsIntoIssuerAndRegionOutput()
    {
        var folder = Directory.CreateTempSubdirectory("cognitoauth-function-").FullName;
        try
        {
            SynthesizedStack.CreateFunctionFolder(folder);
            var stack = new CognitoAuthStack(new App(), ReferenceStack.StackName, new CognitoAuthStackProps
            {
                Env = new Amazon.CDK.Environment { Region = "eu-west-1" },
                FunctionCodePath = folder,
            });

            var template = Template.FromStack(stack);

            template.HasOutput(StackOutputs.Region, new Dictionary<string, object> { ["Value"] = "eu-west-1" });
            template.HasOutput(StackOutputs.TokenEndpoint, new Dictionary<string, object>
            {
                ["Value"] = new Dictionary<string, object>
                {
                    ["Fn::Join"] = new object[] { "", Match.ArrayWith([".auth.eu-west-1.amazoncognito.com/oauth2/token"]) },
                },
            });
            template.HasResourceProperties("AWS::ApiGatewayV2::Authorizer", new Dictionary<string, object>
            {
                ["JwtConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Issuer"] = new Dictionary<string, object>
                    {
                        ["Fn::Join"] = new object[] { "", Match.ArrayWith(["https://cognito-idp.eu-west-1.amazonaws.com/"]) },
                    },
                }),
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

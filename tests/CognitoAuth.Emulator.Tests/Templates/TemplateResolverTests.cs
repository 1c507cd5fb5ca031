using CognitoAuth.Emulator.Templates;

namespace CognitoAuth.Emulator.Tests.Templates;

public sealed class TemplateResolverTests
{
    private const string Topic = "  Topic:\n    Type: AWS::SNS::Topic\n";

    [Fact]
    public void Resolve_EveryIntrinsic_AsCloudFormationEvaluatesIt()
    {
        var outputs = TemplateKit.Outputs("""
            Parameters:
              Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
              Sizes: { Type: CommaDelimitedList, Default: "s,m,l" }
            Mappings:
              Regions:
                eu-west-1: { Name: Ireland }
            Conditions:
              IsProd: !Equals [ !Ref Env, prod ]
              IsDev: !Not [ { Condition: IsProd } ]
              Both: !And [ { Condition: IsDev }, !Or [ !Equals [ a, a ], { Condition: IsProd } ] ]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              Join: { Value: !Join [ ":", [ a, !Ref Env, !Ref AWS::Region ] ] }
              Sub: { Value: !Sub "${AWS::StackName}/${Topic}/${Topic.Arn}/${!Literal}" }
              SubVariables: { Value: !Sub [ "${Name}-${AWS::AccountId}", { Name: !FindInMap [ Regions, !Ref AWS::Region, Name ] } ] }
              Select: { Value: !Select [ 1, !Ref Sizes ] }
              Split: { Value: !Select [ 2, !Split [ "/", "a/b/c" ] ] }
              If: { Value: !If [ IsProd, big, small ] }
              Cond: { Value: !If [ Both, yes, no ] }
              Azs: { Value: !Select [ 0, !GetAZs "" ] }
              Pseudo: { Value: !Sub "${AWS::Partition}.${AWS::URLSuffix}" }
            """);

        Assert.Equal("a:dev:eu-west-1", outputs["Join"]!.GetValue<string>());
        Assert.Equal("TestStack/topic/arn:test:Topic/${Literal}", outputs["Sub"]!.GetValue<string>());
        Assert.Equal("Ireland-000000000000", outputs["SubVariables"]!.GetValue<string>());
        Assert.Equal("m", outputs["Select"]!.GetValue<string>());
        Assert.Equal("c", outputs["Split"]!.GetValue<string>());
        Assert.Equal("small", outputs["If"]!.GetValue<string>());
        Assert.Equal("yes", outputs["Cond"]!.GetValue<string>());
        Assert.Equal("eu-west-1a", outputs["Azs"]!.GetValue<string>());
        Assert.Equal("aws.amazonaws.com", outputs["Pseudo"]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_ParameterOverride_WinsOverTheDefault()
    {
        var outputs = TemplateKit.Outputs(
            "Parameters:\n  Env: { Type: String, Default: dev }\nResources:\n" + Topic + "Outputs:\n  Env: { Value: !Ref Env }\n",
            new() { ["Env"] = "prod" });

        Assert.Equal("prod", outputs["Env"]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_NoValue_RemovesTheProperty()
    {
        var (_, resolver, _) = TemplateKit.Prepare("Resources:\n" + Topic);
        var node = System.Text.Json.Nodes.JsonNode.Parse("""{"Keep": 1, "Drop": {"Ref": "AWS::NoValue"}, "List": [1, {"Ref": "AWS::NoValue"}, 2]}""");

        Assert.Equal("""{"Keep":1,"List":[1,2]}""", resolver.Resolve(node, "x")!.ToJsonString());
    }

    [Theory]
    [InlineData("Outputs:\n  O: { Value: !Ref Ghost }\n", "Outputs.O.Value: Ref to 'Ghost', which is neither a parameter, a resource nor a pseudo-parameter of the template.")]
    [InlineData("Outputs:\n  O: { Value: { \"Fn::Bogus\": [1] } }\n", "Outputs.O.Value: 'Fn::Bogus' is not an intrinsic function CloudFormation knows")]
    [InlineData("Outputs:\n  O: { Value: !ImportValue SharedVpc }\n", "Outputs.O.Value: Fn::ImportValue is not supported: the emulator deploys one stack")]
    [InlineData("Outputs:\n  O: { Value: !GetAtt Ghost.Arn }\n", "Outputs.O.Value: Fn::GetAtt to 'Ghost'")]
    [InlineData("Outputs:\n  O: { Value: !Sub \"${Ghost}\" }\n", "Outputs.O.Value: Ref to 'Ghost'")]
    [InlineData("Outputs:\n  O: { Value: !FindInMap [ Nope, a, b ] }\n", "Outputs.O.Value: Fn::FindInMap names the mapping 'Nope'")]
    public void Prepare_BadReferenceOrFunction_FailsBeforeAnythingIsCreated(string outputs, string expected)
    {
        var error = Assert.Throws<TemplateException>(() => TemplateKit.Prepare("Resources:\n" + Topic + outputs));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_RefToNothingInAProperty_NamesTheResourceAndTheProperty()
    {
        var error = Assert.Throws<TemplateException>(() => TemplateKit.Prepare("""
            Resources:
              Client:
                Type: AWS::Cognito::UserPoolClient
                Properties:
                  UserPoolId: !Ref MissingPool
            """));

        Assert.StartsWith("Resources.Client.Properties.UserPoolId: Ref to 'MissingPool'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_DependencyCycle_NamesTheResourcesInIt()
    {
        var error = Assert.Throws<TemplateException>(() => TemplateKit.Prepare("""
            Resources:
              A:
                Type: AWS::SNS::Topic
                Properties: { TopicName: !GetAtt B.TopicName }
              B:
                Type: AWS::SNS::Topic
                Properties: { TopicName: !Ref C }
              C:
                Type: AWS::SNS::Topic
                DependsOn: A
            """));

        Assert.Equal("Resources.A: circular dependency: A -> B -> C -> A (through Ref, Fn::GetAtt, Fn::Sub or DependsOn).", error.Message);
    }

    [Fact]
    public void Prepare_Order_DependenciesFirstThenTemplateOrder()
    {
        var (_, _, order) = TemplateKit.Prepare("""
            Resources:
              Client:
                Type: AWS::Cognito::UserPoolClient
                Properties: { UserPoolId: !Ref Pool }
              Topic:
                Type: AWS::SNS::Topic
              Pool:
                Type: AWS::Cognito::UserPool
                DependsOn: Topic
            """);

        Assert.Equal(["Topic", "Pool", "Client"], order.Select(r => r.LogicalId));
    }

    [Fact]
    public void Prepare_ResourceWhoseConditionIsFalse_LeftOut()
    {
        var (_, _, order) = TemplateKit.Prepare("""
            Conditions:
              Never: !Equals [ a, b ]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
              Extra:
                Type: AWS::SNS::Topic
                Condition: Never
            """);

        Assert.Equal(["Topic"], order.Select(r => r.LogicalId));
    }

    [Theory]
    [InlineData("Parameters:\n  P: { Type: String }\n", null, "Parameters.P: no value: the parameter has no Default; give one with --parameter P=VALUE.")]
    [InlineData("Parameters:\n  P: { Type: Number, Default: 1 }\n", "P=ten", "Parameters.P: 'ten' is not a number (Type Number).")]
    [InlineData("Parameters:\n  P: { Type: String, Default: a, AllowedValues: [a, b] }\n", "P=c", "Parameters.P: 'c' is not one of the AllowedValues (a, b).")]
    [InlineData("Parameters:\n  P: { Type: String, Default: a }\n", "Q=1", "--parameter Q: the template has no parameter 'Q' (it has: P).")]
    public void Prepare_BadParameter_Refused(string parameters, string? given, string expected)
    {
        var values = given is null ? null : new Dictionary<string, string> { [given.Split('=')[0]] = given.Split('=')[1] };

        var error = Assert.Throws<TemplateException>(() => TemplateKit.Prepare(parameters + "Resources:\n" + Topic, values));

        Assert.Equal(expected, error.Message);
    }
}

using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Templates;

namespace CognitoAuth.Emulator.Tests.Templates;

public sealed class TemplateReaderTests
{
    [Fact]
    public void Parse_YamlShortForms_BecomeTheLongFormsCloudFormationReads()
    {
        var root = TemplateReader.Parse("""
            Resources:
              Pool:
                Type: AWS::Cognito::UserPool
                Properties:
                  UserPoolName: !Sub "${AWS::StackName}-pool"
                  Arn: !GetAtt Pool.Arn
                  Nested: !Join [ "-", [ !Ref AWS::Region, !Select [ 0, !GetAZs "" ] ] ]
                  Choice: !If [ IsProd, !Ref AWS::NoValue, "dev" ]
                  Quoted: "8"
                  Plain: 8
                  Flag: true
                  Account: 012345678901
            """, "test");

        var properties = root["Resources"]!["Pool"]!["Properties"]!;
        Assert.Equal("""{"Fn::Sub":"${AWS::StackName}-pool"}""", properties["UserPoolName"]!.ToJsonString());
        Assert.Equal("""{"Fn::GetAtt":["Pool","Arn"]}""", properties["Arn"]!.ToJsonString());
        Assert.Equal("""{"Fn::Join":["-",[{"Ref":"AWS::Region"},{"Fn::Select":[0,{"Fn::GetAZs":""}]}]]}""", properties["Nested"]!.ToJsonString());
        Assert.Equal("""{"Fn::If":["IsProd",{"Ref":"AWS::NoValue"},"dev"]}""", properties["Choice"]!.ToJsonString());
        Assert.Equal("\"8\"", properties["Quoted"]!.ToJsonString());
        Assert.Equal("8", properties["Plain"]!.ToJsonString());
        Assert.Equal("true", properties["Flag"]!.ToJsonString());
        Assert.Equal("\"012345678901\"", properties["Account"]!.ToJsonString());
    }

    [Fact]
    public void Parse_Json_ReadsAsIs()
    {
        var root = TemplateReader.Parse("""{"Resources": {"A": {"Type": "AWS::SNS::Topic"}}}""", "t.json");

        Assert.Equal("AWS::SNS::Topic", root["Resources"]!["A"]!["Type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"Resources\": {\"A\": {\"Type\": \"X\"}", "not valid JSON")]
    [InlineData("Resources:\n  A:\n    Type: [unclosed\n", "not valid YAML (line")]
    [InlineData("Resources:\n  A:\n    Type: !Bogus X\n", "unknown YAML tag !Bogus")]
    [InlineData("Resources:\n  A: 1\n  A: 2\n", "Duplicate key")]
    public void Parse_BrokenTemplate_SaysWhatAndWhere(string text, string expected)
    {
        var error = Assert.Throws<TemplateException>(() => TemplateReader.Parse(text, "broken"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_SamTransform_RefusedNotHalfRead()
    {
        var root = TemplateReader.Parse("Transform: AWS::Serverless-2016-10-31\nResources:\n  A:\n    Type: AWS::Serverless::Function\n", "sam");

        var error = Assert.Throws<TemplateException>(() => StackTemplate.From(root, "sam.yaml"));

        Assert.StartsWith("Transform:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_DependsOnNothing_NamesTheResourceAndTheProperty()
    {
        var root = TemplateReader.Parse("Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: Ghost\n", "t");

        var error = Assert.Throws<TemplateException>(() => StackTemplate.From(root, "t.yaml"));

        Assert.Equal("Resources.A.DependsOn: 'Ghost' is not a resource of the template.", error.Message);
    }

    [Fact]
    public void Parse_NotAnObject_Refused()
    {
        Assert.Throws<TemplateException>(() => TemplateReader.Parse("- a\n- b\n", "list"));
        Assert.IsType<JsonObject>(TemplateReader.Parse("Resources: {}\n", "empty"));
    }
}

namespace CognitoAuth.Stack.Tests;

public sealed class StackEnvironmentTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Region_NothingSet_IsTheReferenceRegion()
    {
        Assert.Equal("ap-northeast-1", StackEnvironment.Region(null, Env()));
    }

    [Fact]
    public void Region_Context_WinsOverTheEnvironment()
    {
        Assert.Equal("us-west-2", StackEnvironment.Region("us-west-2", Env(("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "eu-central-1"))));
    }

    [Fact]
    public void Region_AwsRegion_WinsOverAwsDefaultRegion()
    {
        Assert.Equal("eu-west-1", StackEnvironment.Region(null, Env(("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "eu-central-1"))));
    }

    [Fact]
    public void Region_OnlyAwsDefaultRegion_IsUsed()
    {
        Assert.Equal("eu-central-1", StackEnvironment.Region(" ", Env(("AWS_DEFAULT_REGION", "eu-central-1"))));
    }

    [Fact]
    public void Region_CdkDefaultRegion_IsIgnoredBecauseTheCliAlwaysSetsIt()
    {
        Assert.Equal("ap-northeast-1", StackEnvironment.Region(null, Env(("CDK_DEFAULT_REGION", "us-east-1"))));
    }
}

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

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Flag_AbsentStringOrBoolean_IsRead(object? value, bool expected)
    {
        Assert.Equal(expected, StackEnvironment.Flag(StackEnvironment.RefreshTokenRotationContextKey, value));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData(1)]
    public void Flag_AnythingElse_ThrowsNamingTheKey(object value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StackEnvironment.Flag(StackEnvironment.RefreshTokenRotationContextKey, value));

        Assert.Contains("refreshTokenRotation", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 10)]
    [InlineData("0", 0)]
    [InlineData("60", 60)]
    [InlineData(" 30 ", 30)]
    [InlineData(45, 45)]
    [InlineData(45L, 45)]
    [InlineData(45.0, 45)]
    public void GracePeriod_AbsentOrWholeSecondsZeroToSixty_IsRead(object? value, int expectedSeconds)
    {
        Assert.Equal(
            TimeSpan.FromSeconds(expectedSeconds),
            StackEnvironment.GracePeriod(StackEnvironment.RefreshTokenRotationGraceContextKey, value, TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData("61")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("ten")]
    [InlineData(61)]
    [InlineData(1.5)]
    [InlineData(true)]
    public void GracePeriod_AnythingElse_ThrowsNamingTheKey(object value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            StackEnvironment.GracePeriod(StackEnvironment.RefreshTokenRotationGraceContextKey, value, TimeSpan.FromSeconds(10)));

        Assert.Contains("refreshTokenRotationGrace", ex.Message, StringComparison.Ordinal);
    }
}

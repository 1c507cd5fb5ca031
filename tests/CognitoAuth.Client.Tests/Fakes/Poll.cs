namespace CognitoAuth.Client.Tests.Fakes;

/// <summary>The one way a test waits for other threads to reach a point: not a timing assertion, it fails only if they never do (10 s).</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string because = "The other threads did not reach the expected point.")
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), because);
    }
}

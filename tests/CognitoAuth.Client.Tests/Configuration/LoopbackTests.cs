using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Tests.Configuration;

/// <summary>The only hosts plain http may reach, and the same answer however many threads ask first.</summary>
public sealed class LoopbackTests
{
    [Theory]
    [InlineData("http://127.0.0.1:3000/")]
    [InlineData("http://127.255.255.254/")]
    [InlineData("http://127.1/")]
    [InlineData("http://0x7f.0.0.1/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://localhost:3000/")]
    [InlineData("http://LOCALHOST/")]
    [InlineData("http://[::1]:3000/")]
    [InlineData("http://[0:0:0:0:0:0:0:1]/")]
    [InlineData("http://[::1%1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    public void Is_ThisMachine_True(string url) => Assert.True(Loopback.Is(new Uri(url)));

    [Theory]
    [InlineData("http://128.0.0.1/")]
    [InlineData("http://10.0.0.5:8080/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://example.com/")]
    [InlineData("http://localhost.example.com/")]
    [InlineData("http://127.0.0.1.example.com/")]
    [InlineData("http://[::2]/")]
    [InlineData("http://[::ffff:10.0.0.5]/")]
    public void Is_AnotherHost_False(string url) => Assert.False(Loopback.Is(new Uri(url)));

    /// <summary>
    /// Threads that read a fresh Uri's <see cref="Uri.IsLoopback"/> at once can get false for 127.0.0.1 (3–7 rounds in
    /// 2,000 on a 2-core machine with .NET 10.0.12); an app that shares one base address between threads must still pass
    /// options validation and the handler's http check every time.
    /// </summary>
    [Fact]
    public void Is_ReadByManyThreadsAtOnceOnAFreshUri_AlwaysTrue()
    {
        const int Rounds = 2_000;
        const int Threads = 4;
        using var start = new Barrier(Threads);
        var wrong = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var uri = new Uri($"http://127.0.0.1:{30_000 + round}/");
            var answers = new bool[Threads];
            var threads = Enumerable.Range(0, Threads)
                .Select(i => new Thread(() =>
                {
                    start.SignalAndWait();
                    answers[i] = Loopback.Is(uri);
                }))
                .ToArray();
            Array.ForEach(threads, t => t.Start());
            Array.ForEach(threads, t => t.Join());
            wrong += answers.Count(answer => !answer);
        }

        Assert.Equal(0, wrong);
    }
}

using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using CognitoAuth.Benchmarks.Infrastructure;
using CognitoAuth.Reference;

namespace CognitoAuth.Benchmarks.Function;

/// <summary>
/// Target 5b, the cold-start proxy: process start to first response of the published (ReadyToRun) function. Each
/// iteration starts a fresh <c>dotnet ColdStartHost.dll</c> that loads the function by its handler string and invokes it
/// once; the time runs until the response line arrives on stdout. Baseline: the same host answering without loading
/// the function — a bare .NET process start.
/// </summary>
[MacroJob(iterations: 30)]
public class ColdStartBenchmarks
{
    private Process? _process;

    [GlobalSetup]
    public void Validate()
    {
        if (!File.Exists(BenchPaths.ColdStartHost) || !File.Exists(Path.Combine(BenchPaths.PublishedFunction, "CognitoAuth.Function.dll")))
        {
            throw new InvalidOperationException(
                $"Publish the function and the cold-start host first (bin/bench does): {BenchPaths.PublishedFunction}, {BenchPaths.ColdStartHost}.");
        }

        var line = FirstResponse(FunctionArguments());
        _process!.WaitForExit();
        if (_process.ExitCode != 0 || !line.Contains("\"statusCode\":200", StringComparison.Ordinal) || !line.Contains("Hello from a protected API!", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The published function did not answer the hello event: {line}");
        }
    }

    [IterationCleanup]
    public void WaitForExit()
    {
        _process?.WaitForExit();
        var failed = _process?.ExitCode != 0;
        _process?.Dispose();
        _process = null;
        if (failed)
        {
            throw new InvalidOperationException("The cold-start host failed.");
        }
    }

    [Benchmark(Baseline = true, Description = "bare .NET process start to first output")]
    public string BareProcess() => FirstResponse([]);

    [Benchmark(Description = "process start to first response of the published function")]
    public string FunctionFirstResponse() => FirstResponse(FunctionArguments());

    private static string[] FunctionArguments() => [BenchPaths.PublishedFunction, ReferenceStack.FunctionHandler, BenchPaths.HelloEvent];

    private string FirstResponse(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(BenchPaths.ColdStartHost);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        return _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The cold-start host wrote nothing.");
    }
}

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>
/// The suite's jobs, sized for a small shared machine (2 cores): micro-benchmarks run BenchmarkDotNet's MediumRun, macro
/// ones (storms, load, process starts) a fixed number of monitored iterations. <c>bin/bench --quick</c> sets
/// <c>COGNITOAUTH_BENCH_QUICK=1</c> for a short smoke run with the same code paths and validations.
/// </summary>
internal static class BenchJobs
{
    public static bool Quick { get; } = Environment.GetEnvironmentVariable("COGNITOAUTH_BENCH_QUICK") == "1";

    public static Job Micro => Quick ? Job.ShortRun.WithIterationCount(3).WithWarmupCount(2) : Job.MediumRun;

    /// <summary>Each iteration is one macro operation (or batch): no pilot or overhead stage, just warm-up then measurement.</summary>
    public static Job Macro(int iterations) =>
        Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1)
            .WithWarmupCount(Quick ? 1 : 3)
            .WithIterationCount(Quick ? 3 : iterations);
}

/// <summary>Runs the class with <see cref="BenchJobs.Micro"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class MicroJobAttribute : Attribute, IConfigSource
{
    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddJob(BenchJobs.Micro);
}

/// <summary>Runs the class with <see cref="BenchJobs.Macro"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class MacroJobAttribute(int iterations) : Attribute, IConfigSource
{
    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddJob(BenchJobs.Macro(iterations));
}

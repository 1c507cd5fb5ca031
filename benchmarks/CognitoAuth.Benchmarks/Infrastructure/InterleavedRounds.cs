using System.Collections.Immutable;
using System.Globalization;
using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Running;

namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>
/// Runs a class in interleaved rounds: round 1 runs every method once (each in its own process, baseline first), then
/// round 2, and so on. On a shared VM a neighbour's burst of load lasts seconds to minutes; run one after the other, the
/// baseline and the measured method can land on different sides of it and their ratio swings by a quarter (see
/// docs/PERFORMANCE.md). Interleaved, both sides get the same chances at a quiet machine, and <see cref="Targets"/>
/// compares each side's quietest round.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class InterleavedRoundsAttribute(int rounds) : Attribute, IConfigSource
{
    public const string RoundPrefix = "round";

    public IConfig Config { get; } = Create(BenchJobs.Quick ? 2 : rounds);

    /// <summary>The round of a case run by this config, or <see langword="null"/> for any other job.</summary>
    public static int? RoundOf(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Job.Id is { } id && id.StartsWith(RoundPrefix, StringComparison.Ordinal)
        && int.TryParse(id.AsSpan(RoundPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var round)
            ? round
            : null;

    private static ManualConfig Create(int rounds)
    {
        var config = ManualConfig.CreateEmpty().WithOrderer(new RoundRobinOrderer());
        for (var round = 1; round <= rounds; round++)
        {
            config.AddJob(Job.Default.WithLaunchCount(1)
                .WithWarmupCount(BenchJobs.Quick ? 2 : 6)
                .WithIterationCount(BenchJobs.Quick ? 3 : 10)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithId(RoundPrefix + round.ToString(CultureInfo.InvariantCulture)));
        }

        return config;
    }

    /// <summary>Round by round; within a round, the methods in declaration order (the baseline first).</summary>
    private sealed class RoundRobinOrderer() : DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared)
    {
        public override IEnumerable<BenchmarkCase> GetExecutionOrder(
            ImmutableArray<BenchmarkCase> benchmarksCase, IEnumerable<BenchmarkLogicalGroupRule>? order = null)
        {
            var declared = base.GetExecutionOrder(benchmarksCase, order).ToList();
            return declared.OrderBy(c => RoundOf(c) ?? 0).ThenBy(declared.IndexOf);
        }
    }
}

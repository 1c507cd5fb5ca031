using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using CognitoAuth.Benchmarks.Infrastructure;

// bin/bench runs this: BenchmarkDotNet's switcher (its --filter, --list, ... work), plus --quick for a short smoke run.
// Results land in artifacts/bench (BenchmarkDotNet's results/ and targets.md); the exit code is non-zero when a
// benchmark failed (e.g. a sign-in storm made more than one Cognito call) or a target was missed.
if (args.Contains("--quick"))
{
    Environment.SetEnvironmentVariable("COGNITOAUTH_BENCH_QUICK", "1");
    args = [.. args.Where(a => a != "--quick")];
}

if (!args.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h" or "--version"))
{
    args = [.. args, "--filter", "*"];
}

var artifacts = BenchPaths.Artifacts;
var config = DefaultConfig.Instance
    .WithArtifactsPath(artifacts)
    .WithOption(ConfigOptions.JoinSummary, false)
    .WithOption(ConfigOptions.StopOnFirstError, false);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Targets).Assembly).Run(args, config).ToList();
if (summaries.Count == 0)
{
    return 0;
}

var failed = summaries.SelectMany(s => s.Reports).Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo)
    .Concat(summaries.Where(s => s.HasCriticalValidationErrors).Select(s => $"{s.Title}: validation failed"))
    .ToList();
var missed = Targets.Report(summaries, artifacts, Console.Out);
foreach (var failure in failed)
{
    Console.Error.WriteLine($"FAILED: {failure}");
}

foreach (var miss in missed)
{
    Console.Error.WriteLine($"TARGET MISSED: {miss}");
}

return failed.Count > 0 ? 1 : missed.Count > 0 ? 3 : 0;

using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>
/// The issue's targets, checked against the summaries of one run: each compares a benchmark with its baseline from the
/// same run. Writes <c>targets.md</c> next to BenchmarkDotNet's reports and says whether every target that ran was met.
/// Ratios compare medians: on a shared 2-core VM a burst of noise from a neighbour moves a mean by a quarter from one run to
/// the next (docs/PERFORMANCE.md), the median of the measured iterations far less. Classes run in
/// <see cref="InterleavedRoundsAttribute">interleaved rounds</see> compare each side's quietest round.
/// </summary>
internal static class Targets
{
    private static readonly Target[] All =
    [
        new("1. Handler overhead, cached token", "HandlerOverheadBenchmarks", "WithHeaderOnlyHandler", "WithCognitoHandler", Kind.TimeAtMost, 1.20,
            "time ≤ 1.20× the same factory client with a handler that only sets a prebuilt header; no allocation beyond it"),
        new("1a. That floor over no handler at all", "HandlerOverheadBenchmarks", "WithoutHandler", "WithHeaderOnlyHandler", Kind.Info, 0,
            "no target: what adding any bearer handler costs"),
        new("1b. The Cognito handler over no handler at all", "HandlerOverheadBenchmarks", "WithoutHandler", "WithCognitoHandler", Kind.Info, 0,
            "no target: the earlier form of target 1"),
        new("1c. The Cognito handler invoked directly, over a handler that only sets the header", "HandlerDirectBenchmarks", "HeaderOnly", "CognitoHandler", Kind.Info, 0,
            "no target: the handler's own work (origin check, token lookup, clock read, expiry check) without HttpClient's"),
        new("1d. A handler that sets the header and reads the clock, invoked directly", "HandlerDirectBenchmarks", "HeaderOnly", "HeaderAndClock", Kind.Info, 0,
            "no target: what one TimeProvider read per request costs"),
        new("2a. Sign-in storm, cold", "SignInStormBenchmarks", "Warm", "FirstRequests", Kind.Info, 0,
            "1,000 concurrent first requests → exactly 1 Cognito call (checked every iteration)"),
        new("2b. Sign-in storm, expiry", "SignInStormBenchmarks", "Warm", "AtExpiry", Kind.Info, 0,
            "1,000 concurrent requests at expiry → exactly 1 Cognito call (checked every iteration)"),
        new("3a. Sign-ins/s, emulator vs cognito-local", "SignInThroughputBenchmarks", "CognitoLocal", "Emulator", Kind.ThroughputAtLeast, 10,
            "emulator ≥ 10× cognito-local's sign-ins per second (issue 16)"),
        new("3c. ListUsers with a filter, a pool of 10,000 users", "ListUsersBenchmarks", null, "ListUsersAsync", Kind.AbsoluteTimeAtMost, 100e6,
            "well under 100 ms per call (issue 16)"),
        new("7a. In-process StartAsync → first sign-in, warm", "EmulatorStartupBenchmarks", null, "StartToFirstSignIn", Kind.AbsoluteTimeAtMost, 25e6,
            "≤ 25 ms median (issue 21)"),
        new("7b. CreateUserPool", "EmulatorStartupBenchmarks", null, "CreateUserPool", Kind.AbsoluteTimeAtMost, 5e6,
            "≤ 5 ms median (issue 21)"),
        new("8a. A trigger in-process (delegate) over no trigger, per sign-in", "TriggerOverheadBenchmarks", "NoTrigger", "InProcessDelegate", Kind.AddedTimeAtMost, 0.1e6,
            "≤ 0.1 ms added to a sign-in (issue 22)"),
        new("8b. A trigger through the Invoke API on loopback over no trigger, per sign-in", "TriggerOverheadBenchmarks", "NoTrigger", "InvokeApi", Kind.AddedTimeAtMost, 2e6,
            "≤ 2 ms added to a sign-in (issue 22)"),
        new("6. SRP sign-in, client CPU", "SrpBenchmarks", null, "SignIn", Kind.AbsoluteTimeAtMost, 25e6,
            "≤ 25 ms of client CPU per USER_SRP_AUTH sign-in on BigInteger.ModPow (issue 23; was 5 ms with hand-written Montgomery arithmetic)"),
        new("3b. Authorized GET /hello/s, emulator vs cognito-local + minimal API", "ApiThroughputBenchmarks", "CognitoLocalWithMinimalApi", "Emulator", Kind.Throughput, 0,
            "emulator's API front vs the stand-in cognito-local lacks (see docs/PERFORMANCE.md: not a like-for-like 5× target)"),
        new("4a. End to end, authorized (raw token) vs unauthenticated", "EndToEndBenchmarks", "Unauthenticated", "AuthorizedRaw", Kind.Throughput, 0,
            "the server's cost of an authorized request: authorizer and Lambda"),
        new("4b. End to end, authorized through AddCognitoApiClient vs unauthenticated", "EndToEndBenchmarks", "Unauthenticated", "Authorized", Kind.Throughput, 0,
            "authorized requests through AddCognitoApiClient vs unauthenticated (401) requests to the same route"),
        new("4c. End to end, AddCognitoApiClient vs raw token", "EndToEndBenchmarks", "AuthorizedRaw", "Authorized", Kind.Throughput, 0,
            "the client library's share of an authorized request end to end"),
        new("5a. Function invocation", "FunctionInvocationBenchmarks", "ParseEvent", "Handle", Kind.Info, 0,
            "time and allocation per warm invocation"),
        new("5b. Function cold start (proxy)", "ColdStartBenchmarks", "BareProcess", "FunctionFirstResponse", Kind.Info, 0,
            "process start → first response of the published ReadyToRun function"),
    ];

    private enum Kind
    {
        Info,
        Throughput,
        TimeAtMost,
        ThroughputAtLeast,

        /// <summary>No baseline: the median itself against <see cref="Target.Threshold"/>, in nanoseconds.</summary>
        AbsoluteTimeAtMost,

        /// <summary>The measured median less the baseline's against <see cref="Target.Threshold"/>, in nanoseconds.</summary>
        AddedTimeAtMost,
    }

    /// <summary>Writes the table; returns the targets that ran and were missed.</summary>
    public static IReadOnlyList<string> Report(IEnumerable<Summary> summaries, string artifacts, TextWriter console)
    {
        var reports = summaries.SelectMany(s => s.Reports).Where(r => r.Success && r.ResultStatistics is not null).ToList();
        var missed = new List<string>();
        var table = new StringBuilder()
            .AppendLine("| target | baseline | measured (medians) | per op, median (baseline → measured) | allocated/op (baseline → measured) | verdict |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var target in All)
        {
            if (target.Baseline is null)
            {
                foreach (var report in reports.Where(r => Is(r, target.Type, target.Measured)))
                {
                    var parameters = report.BenchmarkCase.Parameters.DisplayInfo;
                    var name = string.IsNullOrEmpty(parameters) ? target.Name : $"{target.Name} ({parameters})";
                    var median = report.ResultStatistics!.Median;
                    var met = median <= target.Threshold;
                    var ratioText = $"{Time(report, perSecond: false)} (target ≤ {target.Threshold / 1e6:0.##} ms)";
                    if (!met)
                    {
                        missed.Add($"{name}: {ratioText}");
                    }

                    table.Append(CultureInfo.InvariantCulture, $"| {name} | — | {ratioText} | {Time(report, perSecond: false)} | {Bytes(report)} | {(met ? "met" : "**missed**")} |")
                        .AppendLine();
                }

                continue;
            }

            // One row per parameter set (e.g. InitiateAuth and AdminInitiateAuth), baseline and measured from the same set and
            // the same job; a class run in interleaved rounds has one pair per round.
            foreach (var set in reports.Where(r => Is(r, target.Type, target.Measured)).GroupBy(r => r.BenchmarkCase.Parameters.DisplayInfo))
            {
                var parameters = set.Key;
                var pairs = set
                    .Select(measured => (Measured: measured, Baseline: reports.FirstOrDefault(r =>
                        Is(r, target.Type, target.Baseline) && r.BenchmarkCase.Parameters.DisplayInfo == parameters
                        && r.BenchmarkCase.Job.Id == measured.BenchmarkCase.Job.Id)))
                    .Where(pair => pair.Baseline is not null)
                    .Select(pair => (pair.Measured, Baseline: pair.Baseline!, Ratio: pair.Measured.ResultStatistics!.Median / pair.Baseline!.ResultStatistics!.Median))
                    .OrderBy(pair => pair.Ratio)
                    .ToList();
                if (pairs.Count == 0)
                {
                    continue;
                }

                // A neighbour's load only ever adds time: over interleaved rounds, each side's quietest round (lowest median) is
                // the closest to the code's own cost, and their ratio the estimate. One round: the ratio of its medians.
                var measured = pairs.MinBy(pair => pair.Measured.ResultStatistics!.Median).Measured;
                var baseline = pairs.MinBy(pair => pair.Baseline.ResultStatistics!.Median).Baseline;
                var timeRatio = measured.ResultStatistics!.Median / baseline.ResultStatistics!.Median;
                var rounds = pairs.Count == 1 ? null : $"quietest of {pairs.Count} interleaved rounds each, rounds' own ratios {pairs[0].Ratio:0.00}–{pairs[^1].Ratio:0.00}×";
                var (ratioText, met) = target.Kind switch
                {
                    Kind.TimeAtMost => ($"{timeRatio:0.00}× the baseline's time ({Notes($"target ≤ {target.Threshold:0.00}×", rounds)})", timeRatio <= target.Threshold),
                    Kind.ThroughputAtLeast => ($"{1 / timeRatio:0.0}× the baseline's throughput ({Notes($"target ≥ {target.Threshold:0}×", rounds)})", 1 / timeRatio >= target.Threshold),
                    Kind.Throughput => ($"{1 / timeRatio:0.00}× the baseline's throughput{(rounds is null ? null : $" ({rounds})")}", true),
                    Kind.AddedTimeAtMost => (
                        $"{(measured.ResultStatistics.Median - baseline.ResultStatistics!.Median) / 1e6:0.000} ms added ({Notes($"target ≤ {target.Threshold / 1e6:0.##} ms", rounds)})",
                        measured.ResultStatistics.Median - baseline.ResultStatistics!.Median <= target.Threshold),
                    _ => ($"{timeRatio:0.00}× the baseline's time{(rounds is null ? null : $" ({rounds})")}", true),
                };
                var name = string.IsNullOrEmpty(parameters) ? target.Name : $"{target.Name} ({parameters})";
                var verdict = target.Kind is Kind.Info or Kind.Throughput ? "measured" : met ? "met" : "**missed**";
                if (!met)
                {
                    missed.Add($"{name}: {ratioText}");
                }

                var perSecond = target.Kind is Kind.Throughput or Kind.ThroughputAtLeast;
                table.Append(CultureInfo.InvariantCulture, $"| {name} | {target.Baseline} | {ratioText} | ")
                    .Append(CultureInfo.InvariantCulture, $"{Time(baseline, perSecond)} → {Time(measured, perSecond)} | {Bytes(baseline)} → {Bytes(measured)} | {verdict} |")
                    .AppendLine();
            }
        }

        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "targets.md"), table.ToString());
        console.WriteLine();
        console.WriteLine("// * Targets *");
        console.Write(table.ToString());
        return missed;
    }

    private static bool Is(BenchmarkReport report, string type, string method) =>
        report.BenchmarkCase.Descriptor.Type.Name == type && report.BenchmarkCase.Descriptor.WorkloadMethod.Name == method;

    private static string Notes(string first, string? second) => second is null ? first : $"{first}; {second}";

    private static string Time(BenchmarkReport report, bool perSecond)
    {
        var ns = report.ResultStatistics!.Median;
        var time = ns switch
        {
            < 1e3 => $"{ns:0.0} ns",
            < 1e6 => $"{ns / 1e3:0.00} µs",
            _ => $"{ns / 1e6:0.00} ms",
        };
        return perSecond ? $"{time} ({1e9 / ns:N0}/s)" : time;
    }

    private static string Bytes(BenchmarkReport report) =>
        report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } bytes ? $"{bytes:N0} B" : "n/a";

    /// <param name="Baseline">The method the measured one is compared with in the same run; <see langword="null"/> for an absolute target.</param>
    private sealed record Target(string Name, string Type, string? Baseline, string Measured, Kind Kind, double Threshold, string Goal);
}

namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>Where the suite finds its inputs and writes its results; bin/bench sets the environment variables.</summary>
internal static class BenchPaths
{
    public static string RepositoryRoot => CognitoAuth.Testing.RepositoryRoot.Path;

    /// <summary>Results, under <c>artifacts/bench</c> unless <c>COGNITOAUTH_BENCH_ARTIFACTS</c> says otherwise.</summary>
    public static string Artifacts => Environment.GetEnvironmentVariable("COGNITOAUTH_BENCH_ARTIFACTS") ?? Path.Combine(RepositoryRoot, "artifacts", "bench");

    /// <summary>The function published as the stack deploys it (linux-x64, ReadyToRun); bin/bench publishes it.</summary>
    public static string PublishedFunction => Environment.GetEnvironmentVariable("COGNITOAUTH_BENCH_FUNCTION") ?? Path.Combine(Artifacts, "function");

    /// <summary>The cold-start host (benchmarks/CognitoAuth.Benchmarks/ColdStartHost).</summary>
    public static string ColdStartHost => Environment.GetEnvironmentVariable("COGNITOAUTH_BENCH_COLDSTART_HOST") ?? Path.Combine(Artifacts, "coldstart-host", "ColdStartHost.dll");

    /// <summary>The payload-2.0 event of an authorized <c>GET /hello</c>.</summary>
    public static string HelloEvent => Path.Combine(AppContext.BaseDirectory, "Events", "http-api-v2-hello.json");
}

using System.Text.RegularExpressions;
using CognitoAuth.Emulator;
using CognitoAuth.IntegrationTests.Infrastructure;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The packages are trimming- and AOT-safe, checked rather than declared: a console app that uses the packed
/// CognitoAuth.Client (and registers CognitoAuth.Client.Redis's store when configured) is published with Native AOT,
/// every trim/AOT warning an error, including those inside the packages and their dependencies (AWSSDK.Core, Polly.Core,
/// StackExchange.Redis), which only the ILCompiler sees; then the native binary completes the walkthrough.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed partial class AotConsumerTests(PackedPackages packages)
{
    private const string Hello = "Hello from a protected API!";

    private const string Program = """
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var services = new ServiceCollection().AddLogging();
        var api = services.AddCognitoApiClient(configuration.GetSection("CognitoAuth"));

        // Not taken in the walkthrough (no Redis), but compiled and analysed by the ILCompiler all the same.
        var redis = configuration.GetSection("CognitoAuth:Redis");
        if (redis.Exists())
        {
            services.AddCognitoRedisTokenStore(redis);
        }

        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(api.Name);
        Console.WriteLine(await http.GetStringAsync("hello"));
        """;

    // Publishing needs a C toolchain (clang, else gcc) and zlib1g-dev: bin/lib/prereqs.sh installs them.
    [Fact]
    public async Task NativeAotApp_PublishesWithoutTrimOrAotWarnings_AndCompletesTheWalkthrough()
    {
        var app = await packages.CreateAppAsync("aotconsumer", Project(), Program);
        var output = Path.Combine(app.Directory, "publish");

        // A cold ILCompiler restore and a native link on a busy 2-core machine take a while: more than the 5-minute default.
        var publish = await app.DotnetAsync(["publish", "-c", "Release", "-o", output], TimeSpan.FromMinutes(15));

        var analysis = TrimOrAotDiagnostic().Matches(publish.StandardOutput + publish.StandardError).Select(m => m.Value).ToList();
        Assert.True(analysis.Count == 0, $"Trim/AOT diagnostics:\n{string.Join('\n', analysis)}\n{publish}");
        ConsumerApp.AssertSucceededWithoutWarnings(publish, "dotnet publish (Native AOT)");
        var binary = Path.Combine(output, app.Name);
        Assert.True(File.Exists(binary), $"No native binary {binary}");
        Assert.False(File.Exists(Path.Combine(output, $"{app.Name}.dll")), "The publish produced IL, not a native binary.");

        await using var emulator = await CognitoEmulator.StartAsync();
        var run = await app.RunWalkthroughAsync(binary, [], emulator);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Hello, run.StandardOutput.Trim());
        Assert.Equal(1, emulator.CognitoRequests["AdminInitiateAuth"]);
        Assert.Equal(1, emulator.CognitoRequests["AdminRespondToAuthChallenge"]);
    }

    // TrimmerSingleWarn=false: a warning inside a package is reported as itself, not folded into one IL2104 per assembly.
    private string Project() => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <PublishAot>true</PublishAot>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <IlcTreatWarningsAsErrors>true</IlcTreatWarningsAsErrors>
            <EnableTrimAnalyzer>true</EnableTrimAnalyzer>
            <EnableAotAnalyzer>true</EnableAotAnalyzer>
            <TrimmerSingleWarn>false</TrimmerSingleWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="CognitoAuth.Client" Version="{packages.Version}" />
            <PackageReference Include="CognitoAuth.Client.Redis" Version="{packages.Version}" />
            <PackageReference Include="Microsoft.Extensions.Configuration.EnvironmentVariables" Version="10.0.0" />
          </ItemGroup>
        </Project>
        """;

    // IL2xxx are trimming diagnostics, IL3xxx AOT and single-file ones; as warnings or (warnings as errors) as errors.
    [GeneratedRegex(@"^.*\b(warning|error)\s+IL[23]\d{3}\b.*$", RegexOptions.Multiline)]
    private static partial Regex TrimOrAotDiagnostic();
}

using CognitoAuth.Emulator;
using CognitoAuth.IntegrationTests.Infrastructure;
using CognitoAuth.Reference;
using CognitoAuth.Testing;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The packages as a user gets them: an app outside this repository that references only the packed CognitoAuth.Client
/// and CognitoAuth.Client.Redis, pins the lowest Microsoft.Extensions.* of its target framework's major version and
/// builds with warnings as errors. A package that asks for more than that (NU1605 "package downgrade") fails the restore.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class PackageConsumerTests(PackedPackages packages)
{
    private const string Hello = "Hello from a protected API!";

    // The same program on both targets, as a user's app would be: both packages' registrations, from configuration.
    private const string Program = """
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        var builder = Host.CreateApplicationBuilder(args);
        var api = builder.Services.AddCognitoApiClient(builder.Configuration.GetSection("CognitoAuth"));

        // The fleet's shared token store when Redis is configured; the walkthrough runs without one.
        var redis = builder.Configuration.GetSection("CognitoAuth:Redis");
        if (redis.Exists())
        {
            builder.Services.AddCognitoRedisTokenStore(redis);
        }

        using var host = builder.Build();
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(api.Name);
        Console.WriteLine(await http.GetStringAsync("hello"));
        """;

    [Fact]
    public async Task Net10App_PinningExtensions10_0_0_BuildsWithoutWarningsAndCompletesTheWalkthrough()
    {
        var app = await packages.CreateAppAsync("consumer10", Project("net10.0", "10.0.0"), Program);

        ConsumerApp.AssertSucceededWithoutWarnings(await app.DotnetAsync(["build", "-c", "Release"]), "dotnet build (net10.0)");

        await using var emulator = await CognitoEmulator.StartAsync();
        var run = await app.RunWalkthroughAsync("dotnet", [Path.Combine(app.Directory, "bin", "Release", "net10.0", $"{app.Name}.dll")], emulator);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(Hello, run.StandardOutput.Split('\n').Select(line => line.Trim()));
        Assert.Equal(1, emulator.CognitoRequests["AdminInitiateAuth"]);
        Assert.Equal(1, emulator.CognitoRequests["AdminRespondToAuthChallenge"]);

        // The app logs to the console, as Host.CreateApplicationBuilder does by default: never a password or AWS key.
        var secrets = new SecretScanner();
        secrets.Add(ReferenceStack.TestUser.TemporaryPassword, "temporary password");
        secrets.Add(ReferenceStack.TestUser.NewPassword, "new password");
        secrets.Add(emulator.Credentials.SecretAccessKey, "AWS secret access key");
        Assert.Null(secrets.FindIn(run.StandardOutput + run.StandardError));
    }

    // Built, not run: this machine (and CI's) has only the .NET 10 runtime. The build compiles the program against the
    // packages' net8.0 assemblies and resolves the net8.0 dependency group, which is what a net8.0 app's restore checks.
    [Fact]
    public async Task Net8App_PinningExtensions8_0_0_BuildsWithoutWarnings()
    {
        var app = await packages.CreateAppAsync("consumer8", Project("net8.0", "8.0.0"), Program);

        ConsumerApp.AssertSucceededWithoutWarnings(await app.DotnetAsync(["build", "-c", "Release"]), "dotnet build (net8.0)");
        Assert.True(File.Exists(Path.Combine(app.Directory, "bin", "Release", "net8.0", $"{app.Name}.dll")));
    }

    private string Project(string targetFramework, string extensionsVersion) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>{targetFramework}</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="CognitoAuth.Client" Version="{packages.Version}" />
            <PackageReference Include="CognitoAuth.Client.Redis" Version="{packages.Version}" />
            <PackageReference Include="Microsoft.Extensions.Hosting" Version="{extensionsVersion}" />
            <PackageReference Include="Microsoft.Extensions.Http" Version="{extensionsVersion}" />
          </ItemGroup>
        </Project>
        """;
}

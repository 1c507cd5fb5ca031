using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CognitoAuth.IntegrationTests.Infrastructure;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The emulator's packages as a team outside this repository uses them: an xunit project that references the packed
/// <c>CognitoAuth.Emulator</c> and <c>CognitoAuth.Client</c> (one emulator per test class, a user per test), and the packed
/// <c>CognitoAuth.Emulator.Tool</c> installed with <c>dotnet tool install</c>.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class PackageEmulatorConsumerTests(PackedPackages packages)
{
    private const string Hello = "Hello from a protected API!";

    // What docs/EMULATOR.md shows a team: the emulator as a class fixture, the client configured from its endpoints.
    private const string Tests = """
        using CognitoAuth.Client;
        using CognitoAuth.Emulator;
        using Microsoft.Extensions.DependencyInjection;
        using Xunit;

        public sealed class EmulatorFixture : IAsyncLifetime
        {
            public CognitoEmulator Emulator { get; private set; } = null!;

            public async Task InitializeAsync() => Emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SeedTestUser = false });

            public async Task DisposeAsync() => await Emulator.DisposeAsync();
        }

        public sealed class HelloTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
        {
            [Fact]
            public async Task NewUser_SignsInWithTheClient_AndCallsTheProtectedApi()
            {
                var emulator = fixture.Emulator;
                emulator.CreateUser("alice@example.com", "Alice-Passw0rd!", permanent: true);

                var services = new ServiceCollection().AddLogging();
                var api = services.AddCognitoApiClient(options =>
                {
                    options.AuthFlow = CognitoAuthFlow.UserPassword;
                    options.Region = emulator.Region;
                    options.UserPoolId = emulator.UserPoolId;
                    options.ClientId = emulator.ClientId;
                    options.ServiceUrl = emulator.CognitoEndpoint;
                    options.ApiBaseAddress = emulator.ApiUrl;
                    options.Username = "alice@example.com";
                    options.Password = "Alice-Passw0rd!";
                });
                await using var provider = services.BuildServiceProvider();
                var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(api.Name);

                var hello = await http.GetStringAsync("hello");

                Assert.Equal("Hello from a protected API!", hello);
                Assert.Equal(1, emulator.CognitoRequests["InitiateAuth"]);
                File.WriteAllText(Environment.GetEnvironmentVariable("CONSUMER_RESULT")!, hello);
            }
        }
        """;

    [Fact]
    public async Task XunitProject_ReferencingThePackedEmulatorAndClient_StartsAnEmulatorCreatesAUserSignsInAndCallsTheApi()
    {
        var app = await packages.CreateAppAsync("emulator-consumer", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CognitoAuth.Emulator" Version="{packages.Version}" />
                <PackageReference Include="CognitoAuth.Client" Version="{packages.Version}" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
              </ItemGroup>
            </Project>
            """, Tests);
        var result = Path.Combine(app.Directory, "result.txt");

        var test = await ProcessRunner.RunAsync(
            "dotnet",
            ["test", "-c", "Release", "--nologo"],
            app.Directory,
            new Dictionary<string, string?>(ConsumerApp.BuildEnvironment) { ["CONSUMER_RESULT"] = result },
            TimeSpan.FromMinutes(10));

        Assert.True(test.ExitCode == 0, $"dotnet test: {test}");
        Assert.True(File.Exists(result), $"the consumer's test did not run to its end: {test}");
        Assert.Equal(Hello, await File.ReadAllTextAsync(result));
    }

    [Fact]
    public async Task PackedTool_InstalledWithDotnetToolInstall_PrintsItsOptionsAndServesTheStack()
    {
        var tools = packages.CreateDirectory("tools");
        var install = await ProcessRunner.RunAsync(
            "dotnet",
            ["tool", "install", "CognitoAuth.Emulator.Tool", "--tool-path", tools, "--add-source", packages.Feed, "--version", packages.Version],
            tools,
            ConsumerApp.BuildEnvironment);
        Assert.True(install.ExitCode == 0, $"dotnet tool install: {install}");
        var command = Path.Combine(tools, "cognito-auth-emulator");

        var help = await ProcessRunner.RunAsync(command, ["--help"], tools);

        Assert.True(help.ExitCode == 0, $"cognito-auth-emulator --help: {help}");
        foreach (var option in new[] { "--cognito-port", "--api-port", "--outputs", "--region", "--user-pool-id", "--client-id", "--data-dir", "--issuer", "--no-seed", "--refresh-token-rotation" })
        {
            Assert.Contains(option, help.StandardOutput, StringComparison.Ordinal);
        }

        // The installed tool runs the stack, the Lambda handler that travels inside the package included.
        var outputs = Path.Combine(tools, "outputs.json");
        using var process = Process.Start(new ProcessStartInfo(command, ["--cognito-port", "0", "--api-port", "0", "--outputs", outputs])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = tools,
        })!;
        try
        {
            _ = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await Eventually.ReachedAsync(() => File.Exists(outputs) || process.HasExited, "the tool writes its outputs or exits");
            Assert.True(File.Exists(outputs), $"the tool wrote no outputs (exited: {process.HasExited}): {(process.HasExited ? await stderr : "")}");
            var stack = JsonDocument.Parse(await File.ReadAllTextAsync(outputs)).RootElement.GetProperty("CognitoAuthStack");
            using var http = new HttpClient();
            using var hello = await http.GetAsync(new Uri(new Uri(stack.GetProperty("ApiUrl").GetString()!), "hello"));
            Assert.Equal(HttpStatusCode.Unauthorized, hello.StatusCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }
}

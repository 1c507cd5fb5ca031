using CognitoAuth.Emulator;
using CognitoAuth.IntegrationTests.Infrastructure;
using CognitoAuth.Testing;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The package as a user gets it: <c>dotnet pack</c>, then a program outside this repository that references only the
/// .nupkg and calls <c>AddCognitoApiClient(configuration.GetSection("CognitoAuth"))</c> completes the seed flow
/// (temporary password → NEW_PASSWORD_REQUIRED → tokens → GET hello) against an endpoint given by <c>ServiceUrl</c>.
/// </summary>
public sealed class PackageConsumerTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cognitoauth-consumer-");

    [Fact]
    public async Task PackedNupkg_ProgramOutsideTheRepository_CompletesTheSeedFlow()
    {
        // A unique version, so a package cached by an earlier run is never what gets tested.
        var version = $"0.0.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var packages = Directory.CreateDirectory(Path.Combine(_work.FullName, "packages")).FullName;
        var pack = await ProcessRunner.RunAsync(
            "dotnet",
            ["pack", Path.Combine(RepositoryRoot.Path, "src", "CognitoAuth.Client"), "-c", "Release", "-o", packages, $"-p:Version={version}", "--nologo", "-v:q"],
            RepositoryRoot.Path);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.Single(Directory.GetFiles(packages, "*.nupkg"));
        Assert.Single(Directory.GetFiles(packages, "*.snupkg"));

        var app = Directory.CreateDirectory(Path.Combine(_work.FullName, "consumer")).FullName;
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CognitoAuth.Client" Version="{version}" />
                <PackageReference Include="Microsoft.Extensions.Configuration.EnvironmentVariables" Version="10.0.13" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var services = new ServiceCollection().AddLogging();
            var api = services.AddCognitoApiClient(configuration.GetSection("CognitoAuth"));
            await using var provider = services.BuildServiceProvider();
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(api.Name);
            Console.WriteLine(await http.GetStringAsync("hello"));
            """);

        await using var emulator = await CognitoEmulator.StartAsync();
        var run = await ProcessRunner.RunAsync("dotnet", ["run", "-c", "Release", "--nologo"], app, new Dictionary<string, string?>
        {
            ["CognitoAuth__UserPoolId"] = emulator.UserPoolId,
            ["CognitoAuth__ClientId"] = emulator.ClientId,
            ["CognitoAuth__ServiceUrl"] = emulator.CognitoEndpoint.ToString(),
            ["CognitoAuth__ApiBaseAddress"] = emulator.ApiUrl.ToString(),
            ["CognitoAuth__Username"] = "testuser@example.com",
            ["CognitoAuth__Password"] = "TempPass123!",
            ["CognitoAuth__NewPassword"] = "NewSecurePass123!",
            ["AWS_ACCESS_KEY_ID"] = emulator.Credentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = emulator.Credentials.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_PROFILE"] = null,
            ["MSBUILDDISABLENODEREUSE"] = "1",
        });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Hello from a protected API!", run.StandardOutput.Trim().Split('\n')[^1].Trim());
        Assert.Equal(1, emulator.CognitoRequests["AdminInitiateAuth"]);
        Assert.Equal(1, emulator.CognitoRequests["AdminRespondToAuthChallenge"]);
    }

    public void Dispose()
    {
        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

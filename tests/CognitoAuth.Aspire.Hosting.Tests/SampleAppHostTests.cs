using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Aspire.Hosting.Tests;

/// <summary>
/// samples/CognitoAuth.AppHost for real (DCP runs the sample as a process): the emulator resource turns healthy, the
/// sample gets the client's configuration from <c>WithReference(cognito)</c>, signs in as the seeded user (answering
/// NEW_PASSWORD_REQUIRED) and prints the protected API's answer.
/// </summary>
public sealed class SampleAppHostTests
{
    private const string Hello = "Hello from a protected API!";

    [Fact]
    public async Task SampleAppHost_Starts_EmulatorTurnsHealthy_SampleSignsInAndGetsHello()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var cancellationToken = timeout.Token;

        // Plain HTTP on loopback: no developer certificate on this machine or CI's.
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CognitoAuth_AppHost>(
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT=true"], cancellationToken);
        await using var app = await appHost.BuildAsync(cancellationToken);

        await app.StartAsync(cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cognito", cancellationToken);
        var emulator = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<CognitoEmulatorResource>().Single().Emulator;
        Assert.NotNull(emulator);

        var finished = await app.ResourceNotifications.WaitForResourceAsync(
            "sample", resource => KnownResourceStates.TerminalStates.Contains(resource.Snapshot.State?.Text), cancellationToken);

        // Logs are kept per instance of a resource (its ResourceId); the orchestrator streams a finished one from its start.
        var sampleLog = new ConcurrentQueue<string>();
        using (var logTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            logTimeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(finished.ResourceId).WithCancellation(logTimeout.Token))
                {
                    foreach (var line in batch)
                    {
                        sampleLog.Enqueue(line.Content);
                    }

                    if (sampleLog.Any(line => line.Contains(Hello, StringComparison.Ordinal)))
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // No answer in the log: the assertions below say what it holds.
            }
        }

        var log = string.Join('\n', sampleLog);
        Assert.True(finished.Snapshot.ExitCode == 0, $"the sample ended {finished.Snapshot.State?.Text} with exit code {finished.Snapshot.ExitCode}:\n{log}");
        Assert.Contains(Hello, log, StringComparison.Ordinal);

        // Contract 7: the configuration WithReference(cognito) gave the sample, and the local credentials of its admin flow.
        var sample = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().Single(r => r.Name == "sample");
        var environment = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), sample, environment, cancellationToken);
        foreach (var callback in sample.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        Assert.Equal(emulator.CognitoEndpoint.ToString(), environment["CognitoAuth__ServiceUrl"]);
        Assert.Equal(emulator.Region, environment["CognitoAuth__Region"]);
        Assert.Equal(emulator.UserPoolId, environment["CognitoAuth__UserPoolId"]);
        Assert.Equal(emulator.ClientId, environment["CognitoAuth__ClientId"]);
        Assert.Equal(emulator.TokenEndpoint.ToString(), environment["CognitoAuth__TokenEndpoint"]);
        Assert.Equal(emulator.ApiUrl.ToString(), environment["CognitoAuth__ApiBaseAddress"]);
        Assert.Equal(emulator.Credentials.AccessKeyId, environment["AWS_ACCESS_KEY_ID"]);

        // It signed in through the emulator the AppHost runs: the admin flow, answering NEW_PASSWORD_REQUIRED once.
        Assert.Equal(1, emulator.CognitoRequests["AdminInitiateAuth"]);
        Assert.Equal(1, emulator.CognitoRequests["AdminRespondToAuthChallenge"]);
    }
}

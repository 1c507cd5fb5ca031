using CognitoAuth.Emulator;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The CognitoAuth emulator as an Aspire resource: a Cognito-compatible endpoint and the reference HTTP API, run
/// in the AppHost's own process on loopback ports while the application runs. Added by
/// <see cref="CognitoEmulatorBuilderExtensions.AddCognitoEmulator"/>; a project gets its configuration with
/// <see cref="CognitoEmulatorBuilderExtensions.WithReference{TDestination}(IResourceBuilder{TDestination}, IResourceBuilder{CognitoEmulatorResource}, bool)"/>.
/// </summary>
public sealed class CognitoEmulatorResource : Resource
{
    // Set once, when the emulator has started (or failed to); the projects' environment callbacks wait for it.
    private readonly TaskCompletionSource<CognitoEmulator> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Initializes a new instance of the <see cref="CognitoEmulatorResource"/> class.</summary>
    /// <param name="name">The resource's name in the application model and the dashboard.</param>
    public CognitoEmulatorResource(string name)
        : base(name)
    {
    }

    /// <summary>Gets the settings the emulator starts with; the builder's <c>With…</c> methods change them.</summary>
    internal CognitoEmulatorOptions Options { get; } = new();

    /// <summary>
    /// Gets the running emulator — its endpoints, ids, credentials, inbox, request counters and in-process user
    /// administration — or <see langword="null"/> before it has started and after the application has stopped.
    /// </summary>
    public CognitoEmulator? Emulator { get; private set; }

    /// <summary>Completes with the running emulator, or fails with the reason it could not start.</summary>
    internal Task<CognitoEmulator> Started => _started.Task;

    internal void OnStarted(CognitoEmulator emulator)
    {
        Emulator = emulator;
        _started.TrySetResult(emulator);
    }

    internal void OnFailed(Exception exception) => _started.TrySetException(exception);

    internal void OnStopped() => Emulator = null;
}

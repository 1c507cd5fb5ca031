using Microsoft.Extensions.Hosting;

namespace CognitoAuth.Emulator.Hosting;

/// <summary>
/// A host lifetime that installs no Ctrl-C/SIGTERM handlers: an emulator embedded in a test process must not
/// react to the process's signals (the command line tool handles them itself and disposes the emulator).
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

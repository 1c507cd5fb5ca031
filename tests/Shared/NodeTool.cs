using System.Diagnostics;

namespace CognitoAuth.Testing;

/// <summary>
/// A folder of <c>tools/</c> whose npm packages, written by others and pinned in its lockfile, bin/test installs (npm ci),
/// and the scripts there that drive them. Not installed → the test fails and says how to install it: a peer check that
/// silently skips proves nothing.
/// </summary>
/// <param name="name">The folder under <c>tools/</c>.</param>
/// <param name="packages">The packages a test needs from its <c>node_modules</c>.</param>
internal sealed class NodeTool(string name, params string[] packages)
{
    public string Folder { get; } = Path.Combine(RepositoryRoot.Path, "tools", name);

    /// <summary>
    /// Runs <c>node <paramref name="script"/> <paramref name="arguments"/></c> in the folder with <paramref name="input"/> on
    /// its standard input and returns its standard output. A non-zero exit fails the test with what it printed on standard
    /// error; past <paramref name="timeout"/> (2 minutes when not given) the process tree is killed and the test fails.
    /// </summary>
    /// <param name="environment">Changes to the process's environment (the variables are the parent's to begin with).</param>
    public async Task<string> RunAsync(
        string script,
        string? input = null,
        IEnumerable<string>? arguments = null,
        Action<IDictionary<string, string?>>? environment = null,
        TimeSpan? timeout = null)
    {
        var missing = packages.Where(p => !File.Exists(Path.Combine(Folder, "node_modules", p, "package.json"))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Not installed in {Folder}/node_modules: {string.Join(", ", missing)}. Run bin/test (it runs npm ci there), or npm ci in that folder.");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        environment?.Invoke(start.Environment);
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.StandardInput.WriteAsync(input ?? string.Empty).ConfigureAwait(false);
        node.StandardInput.Close();

        var limit = timeout ?? TimeSpan.FromMinutes(2);
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await node.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish in {limit}: {await stderr.ConfigureAwait(false)}");
        }

        Assert.True(node.ExitCode == 0, $"{script} exited {node.ExitCode}: {await stderr.ConfigureAwait(false)}");
        return await stdout.ConfigureAwait(false);
    }
}

using System.CommandLine;
using CognitoAuth.Emulator.Tool;

// The command handles Ctrl-C and SIGTERM itself (a clean stop, exit 0), so System.CommandLine's own handler is off.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await EmulatorCommand.Create().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);

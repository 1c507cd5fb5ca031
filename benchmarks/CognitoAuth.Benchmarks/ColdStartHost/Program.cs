using System.Reflection;

// The cold-start proxy: one process that does what the Lambda runtime does before the first response — load the
// published function assembly, resolve the handler string (Assembly::Type::Method), construct the type, invoke the method
// with a payload-2.0 event stream — and writes the response to stdout. With no arguments it writes a fixed response
// without loading anything: the baseline, a bare .NET process start.
if (args.Length == 0)
{
    Console.Out.WriteLine("{\"statusCode\":200}");
    return 0;
}

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: ColdStartHost <published function folder> <Assembly::Type::Method> <event.json>");
    return 2;
}

var (folder, handler, eventFile) = (args[0], args[1], args[2]);
var parts = handler.Split("::");
var assemblyPath = Path.Combine(folder, parts[0] + ".dll");
var context = new FunctionLoadContext(assemblyPath);
var assembly = context.LoadFromAssemblyPath(assemblyPath);
var type = assembly.GetType(parts[1], throwOnError: true)!;
var method = type.GetMethod(parts[2], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static, [typeof(Stream)])
    ?? throw new MissingMethodException(parts[1], parts[2]);
var instance = method.IsStatic ? null : Activator.CreateInstance(type);

using var input = File.OpenRead(eventFile);
var result = method.Invoke(instance, [input]);
var output = result is Task<Stream> pending ? await pending : (Stream)result!;
using var stdout = Console.OpenStandardOutput();
output.CopyTo(stdout);
stdout.WriteByte((byte)'\n');
return 0;

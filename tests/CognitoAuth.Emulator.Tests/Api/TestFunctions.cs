using System.Text;

namespace CognitoAuth.Emulator.Tests.Api;

// Handlers the LambdaFunction tests load by handler string, as the runtime would.

public sealed class EchoFunction
{
    public static int Instances;

    public EchoFunction() => Interlocked.Increment(ref Instances);

    public Stream Handle(Stream request) => request;
}

public sealed class AsyncFunction
{
    public async Task<Stream> Handle(Stream request)
    {
        await Task.Yield();
        return new MemoryStream(Encoding.UTF8.GetBytes("""{"statusCode":201,"body":"created"}"""));
    }
}

public static class StaticFunction
{
    public static Stream Handle(Stream request) => new MemoryStream("\"plain\""u8.ToArray());
}

public sealed class ThrowingFunction
{
    public Stream Handle(Stream request) => throw new InvalidOperationException("secret detail of a failure");
}

public sealed class OverloadedFunction
{
    public Stream Handle(Stream request) => request;

    public Stream Handle(Stream request, object context) => request;
}

public sealed class NoDefaultConstructorFunction(string name)
{
    public string Name { get; } = name;

    public Stream Handle(Stream request) => request;
}

public sealed class WrongSignatureFunction
{
    public string Handle(string request) => request;
}

public sealed class GarbageFunction
{
    public Stream Handle(Stream request) => new MemoryStream("this is not JSON"u8.ToArray());
}

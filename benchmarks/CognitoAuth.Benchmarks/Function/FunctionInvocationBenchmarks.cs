using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CognitoAuth.Benchmarks.Infrastructure;
using CognitoAuth.Function;

namespace CognitoAuth.Benchmarks.Function;

/// <summary>
/// Target 5a: time and allocation of one warm invocation of the Lambda handler (<c>ApiFunction.Handle</c>) on an authorized
/// payload-2.0 <c>GET /hello</c> event. Baseline: parsing that event into a <see cref="JsonDocument"/>, the least any handler does.
/// </summary>
[MemoryDiagnoser]
[MicroJob]
public class FunctionInvocationBenchmarks
{
    private readonly ApiFunction _function = new();
    private byte[] _event = null!;

    [GlobalSetup]
    public void Setup()
    {
        _event = File.ReadAllBytes(BenchPaths.HelloEvent);
        using var output = _function.Handle(new MemoryStream(_event, writable: false));
        using var response = JsonDocument.Parse(output);
        if (response.RootElement.GetProperty("statusCode").GetInt32() != 200
            || !response.RootElement.GetProperty("body").GetString()!.Contains("Hello from a protected API!", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The handler did not answer the hello event with 200 and the greeting.");
        }
    }

    [Benchmark(Baseline = true, Description = "parse the event (JsonDocument)")]
    public int ParseEvent()
    {
        using var document = JsonDocument.Parse(_event);
        return document.RootElement.GetProperty("requestContext").GetProperty("http").GetProperty("method").GetString()!.Length;
    }

    [Benchmark(Description = "ApiFunction.Handle(GET /hello)")]
    public long Handle()
    {
        using var input = new MemoryStream(_event, writable: false);
        using var output = _function.Handle(input);
        return output.Length;
    }
}

using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace CognitoAuth.Emulator.Tests.Infrastructure;

/// <summary>
/// botocore's cognito-idp service model, the reference for every request, response and error shape the endpoint
/// produces: the newest on the machine — the image's Python botocore (it knows operations and members Debian's older copy
/// lacks, such as <c>GetTokensFromRefreshToken</c> and <c>RefreshTokenRotation</c>), else the Debian <c>awscli</c>
/// package's. Read as JSON (botocore ships it gzipped).
/// </summary>
internal static class BotocoreModel
{
    /// <summary>Debian's copy, the fallback when the image's Python has no botocore.</summary>
    public const string DebianPath = "/usr/lib/python3/dist-packages/awscli/botocore/data/cognito-idp/2016-04-18/service-2.json";

    private const string RelativePath = "data/cognito-idp/2016-04-18/service-2.json";

    private static readonly Lazy<(JsonElement Model, string Source)?> Newest = new(Load);

    public static bool Available => Newest.Value is not null;

    /// <summary>The file the model was read from, for messages.</summary>
    public static string Source => Newest.Value?.Source ?? "(none)";

    private static JsonElement Model => (Newest.Value ?? throw new InvalidOperationException("No botocore service model for cognito-idp was found.")).Model;

    private static JsonElement Shapes => Model.GetProperty("shapes");

    public static JsonElement Operations => Model.GetProperty("operations");

    public static JsonElement Shape(string name) => Shapes.GetProperty(name);

    public static string? OutputShape(string operation) =>
        Model.GetProperty("operations").GetProperty(operation).TryGetProperty("output", out var output)
            ? output.GetProperty("shape").GetString()
            : null;

    public static IReadOnlyList<string> Errors(string operation) =>
        [.. Model.GetProperty("operations").GetProperty(operation).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("shape").GetString()!)];

    /// <summary>Asserts that a response body conforms to the operation's output shape (members, required members, types).</summary>
    public static void AssertConformsToOutput(string operation, JsonElement body)
    {
        var shape = OutputShape(operation);
        if (shape is null)
        {
            Assert.True(body.ValueKind is JsonValueKind.Undefined || (body.ValueKind == JsonValueKind.Object && !body.EnumerateObject().Any()),
                $"{operation} has no output shape, yet the body has members: {body}");
            return;
        }

        AssertConforms(shape, body, operation);
    }

    /// <summary>Asserts that an error answer's code is one the model lists for the operation.</summary>
    public static void AssertModelledError(string operation, string? errorType) =>
        Assert.True(errorType is not null && Errors(operation).Contains(errorType), $"{errorType} is not among {operation}'s modelled errors: {string.Join(", ", Errors(operation))}");

    private static (JsonElement Model, string Source)? Load()
    {
        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate + ".gz"))
            {
                using var gzip = new GZipStream(File.OpenRead(candidate + ".gz"), CompressionMode.Decompress);
                return (JsonDocument.Parse(gzip).RootElement.Clone(), candidate + ".gz");
            }

            if (File.Exists(candidate))
            {
                return (JsonDocument.Parse(File.ReadAllText(candidate)).RootElement.Clone(), candidate);
            }
        }

        return null;
    }

    private static IEnumerable<string> Candidates()
    {
        string? package = null;
        try
        {
            using var python = Process.Start(new ProcessStartInfo("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            package = python.StandardOutput.ReadToEnd().Trim();
            python.WaitForExit();
            package = python.ExitCode == 0 && package.Length > 0 ? package : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No python3 on the PATH: Debian's model only.
        }

        if (package is not null)
        {
            yield return System.IO.Path.Combine(package, RelativePath);
        }

        yield return DebianPath;
    }

    private static void AssertConforms(string shapeName, JsonElement value, string path)
    {
        var shape = Shapes.GetProperty(shapeName);
        var type = shape.GetProperty("type").GetString();
        switch (type)
        {
            case "structure":
                Assert.True(value.ValueKind == JsonValueKind.Object, $"{path} should be an object ({shapeName})");
                var members = shape.GetProperty("members");
                foreach (var property in value.EnumerateObject())
                {
                    Assert.True(members.TryGetProperty(property.Name, out var member), $"{path}.{property.Name} is not a member of {shapeName}");
                    AssertConforms(member.GetProperty("shape").GetString()!, property.Value, $"{path}.{property.Name}");
                }

                if (shape.TryGetProperty("required", out var required))
                {
                    foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    {
                        Assert.True(value.TryGetProperty(name, out _), $"{path} lacks required member {name} of {shapeName}");
                    }
                }

                break;
            case "list":
                Assert.True(value.ValueKind == JsonValueKind.Array, $"{path} should be an array ({shapeName})");
                var itemShape = shape.GetProperty("member").GetProperty("shape").GetString()!;
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    AssertConforms(itemShape, item, $"{path}[{index++}]");
                }

                break;
            case "map":
                Assert.True(value.ValueKind == JsonValueKind.Object, $"{path} should be a map ({shapeName})");
                var valueShape = shape.GetProperty("value").GetProperty("shape").GetString()!;
                foreach (var entry in value.EnumerateObject())
                {
                    AssertConforms(valueShape, entry.Value, $"{path}.{entry.Name}");
                }

                break;
            case "string":
                Assert.True(value.ValueKind == JsonValueKind.String, $"{path} should be a string ({shapeName})");
                if (shape.TryGetProperty("enum", out var allowed))
                {
                    Assert.Contains(value.GetString(), allowed.EnumerateArray().Select(a => a.GetString()));
                }

                if (shape.TryGetProperty("min", out var min))
                {
                    Assert.True(value.GetString()!.Length >= min.GetInt32(), $"{path} is shorter than {min} ({shapeName})");
                }

                // AWS's own DescribeUserPool lists the standard attribute phone_number_verified (21 characters), longer than the
                // model's input limit for schema names (CustomAttributeNameType, 20): the limit binds requests, not this answer.
                if (shape.TryGetProperty("max", out var max) && !(shapeName == "CustomAttributeNameType" && value.GetString() == "phone_number_verified"))
                {
                    Assert.True(value.GetString()!.Length <= max.GetInt32(), $"{path} is longer than {max} ({shapeName})");
                }

                break;
            case "integer" or "long":
                Assert.True(value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _), $"{path} should be an integer ({shapeName})");
                break;
            case "boolean":
                Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False, $"{path} should be a boolean ({shapeName})");
                break;
            case "timestamp":
                Assert.True(value.ValueKind == JsonValueKind.Number, $"{path} should be epoch seconds ({shapeName})");
                break;
            default:
                Assert.Fail($"{path}: the test does not know shape type {type} ({shapeName})");
                break;
        }
    }
}

/// <summary>A fact that needs botocore's model; skipped with the reason when the Debian awscli package is missing.</summary>
public sealed class BotocoreFactAttribute : FactAttribute
{
    public BotocoreFactAttribute()
    {
        if (!BotocoreModel.Available)
        {
            Skip = $"botocore's model is missing (neither the image's Python botocore nor {BotocoreModel.DebianPath}); bin/test installs awscli.";
        }
    }
}

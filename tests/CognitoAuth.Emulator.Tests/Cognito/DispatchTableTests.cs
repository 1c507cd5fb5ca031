using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>
/// The dispatch table against botocore's model and docs/EMULATOR.md: every served operation exists in the model, is signed
/// exactly when the model requires SigV4, reads and writes DTOs whose members are the model's (recursively), and is listed
/// in the documentation's operation table, which lists nothing else.
/// </summary>
public sealed partial class DispatchTableTests
{
    [BotocoreFact]
    public void EveryOperation_IsSignedExactlyWhenTheModelRequiresSigV4()
    {
        // Debian's botocore predates the noAuth marking of RevokeToken and GlobalSignOut (current models and AWS's API
        // reference have them unsigned, as the emulator serves them; REFERENCE.md): this holds when only Debian's is here.
        string[] unsignedInNewerModels = ["RevokeToken", "GlobalSignOut"];
        var model = BotocoreModel.Operations;
        var mismatches = new List<string>();
        foreach (var (name, operation) in DispatchTable.Operations)
        {
            Assert.True(model.TryGetProperty(name, out var modelled), $"{name} is not an operation of botocore's model ({BotocoreModel.Source})");
            var unsigned = (modelled.TryGetProperty("authtype", out var auth) && auth.GetString() == "none") || unsignedInNewerModels.Contains(name);
            if (operation.RequiresSignature == unsigned)
            {
                mismatches.Add($"{name}: signed = {operation.RequiresSignature}, the model says authtype {(unsigned ? "none" : "v4")}");
            }
        }

        Assert.Empty(mismatches);
    }

    [BotocoreFact]
    public void EveryOperation_DtoMembers_AreTheModelsMembers()
    {
        var problems = new List<string>();
        var requestShapes = new Dictionary<Type, List<string>>();
        foreach (var (name, operation) in DispatchTable.Operations)
        {
            var modelled = BotocoreModel.Operations.GetProperty(name);
            var input = modelled.GetProperty("input").GetProperty("shape").GetString()!;
            if (!requestShapes.TryGetValue(operation.RequestType, out var shapes))
            {
                requestShapes[operation.RequestType] = shapes = [];
            }

            shapes.Add(input);
            var output = BotocoreModel.OutputShape(name);
            if (operation.ResponseType.Name == "EmptyResponse")
            {
                Assert.True(output is null || !BotocoreModel.Shape(output).GetProperty("members").EnumerateObject().Any(), $"{name} answers {{}} but its output shape {output} has members");
            }
            else
            {
                CheckType(operation.ResponseType, [output!], requireEveryMember: false, problems, $"{name} output");
            }
        }

        // A request DTO serves one or more operations (AdminUserRequest: AdminGetUser, AdminDisableUser, …): it must carry every
        // member of each, and nothing that none of them has.
        foreach (var (type, shapes) in requestShapes)
        {
            CheckType(type, shapes, requireEveryMember: true, problems, $"{type.Name} ({string.Join(", ", shapes)})");
        }

        Assert.True(problems.Count == 0, $"Against {BotocoreModel.Source}:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void EmulatorDoc_OperationTable_ListsExactlyTheDispatchTable()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "EMULATOR.md"));
        var section = doc[doc.IndexOf("## Operations", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var documented = TableRow().Matches(section).Select(m => (m.Groups["name"].Value, m.Groups["signed"].Value)).ToList();

        Assert.Equal(DispatchTable.OperationNames, documented.Select(d => d.Item1).Order(StringComparer.Ordinal));
        foreach (var (name, signed) in documented)
        {
            Assert.True((signed == "SigV4") == DispatchTable.Operations[name].RequiresSignature, $"docs/EMULATOR.md says {name} is '{signed}'");
        }
    }

    private static void CheckType(Type dto, IReadOnlyList<string> shapeNames, bool requireEveryMember, List<string> problems, string path)
    {
        var properties = dto.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var members = shapeNames.Select(BotocoreModel.Shape).ToList();
        foreach (var (shapeName, shape) in shapeNames.Zip(members))
        {
            foreach (var member in shape.GetProperty("members").EnumerateObject())
            {
                if (!properties.TryGetValue(member.Name, out var property))
                {
                    if (requireEveryMember)
                    {
                        problems.Add($"{path}: {dto.Name} lacks {shapeName}.{member.Name}");
                    }

                    continue;
                }

                CheckMember(property.PropertyType, member.Value.GetProperty("shape").GetString()!, problems, $"{path}.{member.Name}");
            }
        }

        foreach (var name in properties.Keys)
        {
            if (!members.Any(m => m.GetProperty("members").TryGetProperty(name, out _)))
            {
                problems.Add($"{path}: {dto.Name}.{name} is not a member of {string.Join(" or ", shapeNames)}");
            }
        }
    }

    private static void CheckMember(Type type, string shapeName, List<string> problems, string path)
    {
        var shape = BotocoreModel.Shape(shapeName);
        var kind = shape.GetProperty("type").GetString();
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        var ok = kind switch
        {
            "string" => bare == typeof(string),
            "integer" => bare == typeof(int),
            "long" => bare == typeof(long),
            "boolean" => bare == typeof(bool),
            "timestamp" => bare == typeof(DateTimeOffset),
            "map" => bare == typeof(Dictionary<string, string>),
            "list" => bare.IsGenericType && typeof(IList).IsAssignableFrom(bare),
            "structure" => bare == typeof(JsonElement) || (bare.IsClass && bare != typeof(string)),
            _ => false,
        };
        if (!ok)
        {
            problems.Add($"{path}: {type.Name} does not hold a {kind} ({shapeName})");
            return;
        }

        if (kind == "list")
        {
            CheckMember(bare.GetGenericArguments()[0], shape.GetProperty("member").GetProperty("shape").GetString()!, problems, path + "[]");
        }
        else if (kind == "structure" && bare != typeof(JsonElement))
        {
            CheckType(bare, [shapeName], requireEveryMember: false, problems, path);
        }
    }

    // | `CreateUserPool` | SigV4 | … |
    [GeneratedRegex(@"^\| `(?<name>[A-Za-z]+)` \| (?<signed>SigV4|unsigned) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}

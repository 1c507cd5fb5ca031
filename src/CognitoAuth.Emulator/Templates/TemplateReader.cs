using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// Reads a CloudFormation template, JSON or YAML, into one JSON tree. YAML's short-form intrinsics (<c>!Ref X</c>,
/// <c>!GetAtt A.B</c>, <c>!Sub …</c>, …) become their long forms (<c>{"Ref": "X"}</c>, <c>{"Fn::GetAtt": ["A", "B"]}</c>),
/// so everything after the reader sees one shape, as CloudFormation's own YAML parser does.
/// </summary>
internal static class TemplateReader
{
    /// <summary>The short-form tags CloudFormation's YAML knows; any other <c>!Tag</c> is an error, not a string.</summary>
    internal static readonly IReadOnlySet<string> ShortForms = new HashSet<string>(StringComparer.Ordinal)
    {
        "Ref", "Condition", "GetAtt", "Sub", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or", "FindInMap", "GetAZs",
        "ImportValue", "Base64", "Cidr", "Transform",
    };

    public static JsonObject Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TemplateException($"The template {path} cannot be read: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    public static JsonObject Parse(string text, string name)
    {
        var root = text.TrimStart().StartsWith('{') ? ParseJson(text, name) : ParseYaml(text, name);
        return root as JsonObject ?? throw new TemplateException($"The template {name} is not an object with Resources.");
    }

    private static JsonNode? ParseJson(string text, string name)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            // The reader's message carries the line and byte position.
            throw new TemplateException($"The template {name} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static JsonNode? ParseYaml(string text, string name)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new TemplateException($"The template {name} is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {ex.Message}", ex);
        }

        if (stream.Documents.Count != 1)
        {
            throw new TemplateException($"The template {name} must hold exactly one YAML document, not {stream.Documents.Count}.");
        }

        return Convert(stream.Documents[0].RootNode, name);
    }

    private static JsonNode? Convert(YamlNode node, string name)
    {
        JsonNode? value = node switch
        {
            YamlScalarNode scalar => Scalar(scalar),
            YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(c => Convert(c, name))]),
            YamlMappingNode mapping => Mapping(mapping, name),
            _ => throw new TemplateException($"The template {name} uses a YAML alias or node CloudFormation does not read (line {node.Start.Line})."),
        };

        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is null || tag.StartsWith("tag:yaml.org", StringComparison.Ordinal) || tag == "!")
        {
            return value;
        }

        var function = tag.TrimStart('!');
        if (!ShortForms.Contains(function))
        {
            throw new TemplateException($"The template {name} uses the unknown YAML tag {tag} (line {node.Start.Line}, column {node.Start.Column}).");
        }

        return function switch
        {
            "Ref" or "Condition" => new JsonObject { [function] = value },
            // !GetAtt Resource.Attribute: the first dot splits (attributes such as Endpoint.Address keep theirs).
            "GetAtt" when value is JsonValue dotted && dotted.GetValue<string>() is var text && text.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 =>
                new JsonObject { ["Fn::GetAtt"] = new JsonArray(text[..dot], text[(dot + 1)..]) },
            _ => new JsonObject { ["Fn::" + function] = value },
        };
    }

    private static JsonObject Mapping(YamlMappingNode mapping, string name)
    {
        var result = new JsonObject();
        foreach (var (key, child) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } text })
            {
                throw new TemplateException($"The template {name} has a mapping key that is not a string (line {key.Start.Line}).");
            }

            if (result.ContainsKey(text))
            {
                throw new TemplateException($"The template {name} repeats the key '{text}' (line {key.Start.Line}).");
            }

            result[text] = Convert(child, name);
        }

        return result;
    }

    private static JsonValue Number(string json) => (JsonValue)JsonNode.Parse(json)!;

    /// <summary>Plain scalars are typed as YAML 1.2's core schema types them; quoted ones are always strings.</summary>
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value is "tag:yaml.org,2002:str" or "!!str"))
        {
            return JsonValue.Create(text);
        }

        if (!scalar.Tag.IsEmpty && !scalar.Tag.Value.StartsWith("tag:yaml.org", StringComparison.Ordinal))
        {
            // The value of a short-form intrinsic (!Ref Name): a name, never a number.
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            // A leading zero (an account id such as 012345678901) stays a string, as CloudFormation reads it.
            _ when text.Length > 1 && text[0] == '0' && text[1] != '.' => JsonValue.Create(text),
            // Numbers as JSON would carry them, so that they read back as any numeric type, as a JSON template's do.
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => Number(integer.ToString(CultureInfo.InvariantCulture)),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) && text.Any(char.IsAsciiDigit) =>
                Number(real.ToString("R", CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Api;

namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// <c>AWS::Lambda::Function</c>: a .NET function runs in-process from the folder CDK writes its code to (the resource's
/// <c>Metadata</c> <c>aws:asset:path</c>, relative to the template's folder), its <c>Handler</c>
/// (<c>Assembly::Namespace.Type::Method</c>, Contract 3) resolved there. A function without such a folder (code in S3, inline
/// code, another runtime) is recorded by name: something else must run it (<c>--lambda</c>/<c>--lambda-endpoint</c>).
/// </summary>
internal sealed class LambdaFunctionResource : ResourceType
{
    public const string AssetPathKey = "aws:asset:path";

    public override string Name => "AWS::Lambda::Function";

    public override IReadOnlyList<string> Properties { get; } =
        ["Handler", "Runtime", "Code", "FunctionName", "Description", "MemorySize", "Timeout", "Role", "Architectures", "LoggingConfig", "Tags"];

    public override Task<DeployedResource> DeployAsync(DeploymentContext context, TemplateResource resource, JsonObject properties, DeployedResource? previous, CancellationToken cancellationToken)
    {
        var where = $"{resource.Location}.Properties";

        // As CloudFormation names a function without a name: {stack}-{logical id}-{random}, at most 64 characters.
        var given = Text(properties, "FunctionName");
        var name = given ?? previous?.Ref ?? Generated(context.Pseudo.StackName, resource.LogicalId);
        var runtime = Text(properties, "Runtime");
        LambdaFunction? function = null;
        if (resource.MetadataString(AssetPathKey) is { } assetPath)
        {
            if (runtime is null || !runtime.StartsWith("dotnet", StringComparison.Ordinal))
            {
                context.Note($"{resource.Location}: runtime {runtime ?? "(none)"} does not run in-process; the function {name} runs through --lambda/--lambda-endpoint as {given ?? resource.LogicalId}.");
            }
            else
            {
                var folder = Path.GetFullPath(Path.Combine(context.TemplateFolder, assetPath));
                if (!Directory.Exists(folder))
                {
                    throw TemplateException.At($"{resource.Location}.Metadata.{AssetPathKey}", $"the function's code folder {folder} does not exist (run cdk synth again, or fix the path).");
                }

                var handler = Required(properties, "Handler", resource);
                try
                {
                    function = LambdaFunction.Load(handler, folder);
                }
                catch (InvalidOperationException ex)
                {
                    throw TemplateException.At($"{where}.Handler", $"{ex.Message} (code folder {folder})");
                }
            }
        }
        else
        {
            context.Note($"{resource.Location}: no local code (Metadata {AssetPathKey}); the function {name} runs through --lambda/--lambda-endpoint as {given ?? resource.LogicalId}.");
        }

        context.AddFunction(name, function, resource.LogicalId, nameGenerated: given is null);
        return Task.FromResult(new DeployedResource(resource.LogicalId, resource.Type, name, Attributes(
            ("Arn", $"arn:{PseudoParameters.Partition}:lambda:{context.Pseudo.Region}:{context.Pseudo.AccountId}:function:{name}"))));
    }

    /// <summary>The function an ARN names: a function's ARN (with or without a qualifier), or API Gateway's Lambda invocation URI.</summary>
    public static string? NameOf(string arnOrName)
    {
        const string Functions = "/functions/";
        var text = arnOrName;
        var nested = text.IndexOf(Functions, StringComparison.Ordinal);
        if (text.StartsWith("arn:", StringComparison.Ordinal) && text.Contains(":apigateway:", StringComparison.Ordinal) && nested > 0)
        {
            text = text[(nested + Functions.Length)..];
            text = text.EndsWith("/invocations", StringComparison.Ordinal) ? text[..^"/invocations".Length] : text;
        }

        var parts = text.Split(':');
        return parts switch
        {
            ["arn", _, "lambda", _, _, "function", var name, ..] when name.Length > 0 => name,
            [var name] when name.Length > 0 && !name.Contains('/', StringComparison.Ordinal) => name,
            _ => null,
        };
    }

    private static string Generated(string stackName, string logicalId)
    {
        var suffix = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 12);
        var stem = $"{stackName}-{logicalId}";
        return (stem.Length > 51 ? stem[..51] : stem) + "-" + suffix;
    }
}

/// <summary><c>AWS::Lambda::Permission</c>: the emulator does not check who may invoke a function, so a permission changes nothing.</summary>
internal sealed class LambdaPermissionResource : ResourceType
{
    public override string Name => "AWS::Lambda::Permission";

    public override IReadOnlyList<string> Properties { get; } = ["Action", "FunctionName", "Principal", "SourceArn", "SourceAccount"];

    public override Task<DeployedResource> DeployAsync(DeploymentContext context, TemplateResource resource, JsonObject properties, DeployedResource? previous, CancellationToken cancellationToken) =>
        Task.FromResult(new DeployedResource(resource.LogicalId, resource.Type, previous?.Ref ?? $"{context.Pseudo.StackName}-{resource.LogicalId}", Attributes()));
}

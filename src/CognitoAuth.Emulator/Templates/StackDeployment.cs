using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Api;
using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Diagnostics;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Triggers;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// Contract 6: a CloudFormation template deployed into the emulator at start, in place of the built-in reference stack.
/// <see cref="Prepare"/> reads and checks the template before anything binds (syntax, parameters, every reference, the
/// creation order); <see cref="DeployAsync"/> creates the resources in that order through the emulator's own operations,
/// resolves the outputs, and on any error takes back what it created, so a template error leaves nothing deployed.
/// </summary>
internal sealed class StackDeployment
{
    private readonly StackTemplate _template;
    private readonly TemplateResolver _resolver;
    private readonly IReadOnlyList<TemplateResource> _order;
    private readonly string _fingerprint;

    private StackDeployment(StackTemplate template, string stackName, TemplateResolver resolver, IReadOnlyList<TemplateResource> order, string fingerprint, StackState? previous)
    {
        Previous = previous;
        _template = template;
        StackName = stackName;
        _resolver = resolver;
        _order = order;
        _fingerprint = fingerprint;
    }

    public string StackName { get; }

    /// <summary>The stack as the data directory remembers it, or <see langword="null"/>.</summary>
    public StackState? Previous { get; }

    /// <summary>The resource types of the template the emulator does not model, each once, in template order.</summary>
    public IReadOnlyList<string> NotEmulatedTypes => [.. _template.Resources.Select(r => r.Type).Where(t => !ResourceType.All.ContainsKey(t) && !Silent(t)).Distinct()];

    /// <summary>Reads the template and checks everything that can be checked before a resource exists.</summary>
    public static StackDeployment Prepare(string templatePath, IReadOnlyDictionary<string, string> parameters, string? stackName, string region, string? dataDirectory)
    {
        var previous = dataDirectory is null ? null : StackState.Load(Path.GetFullPath(dataDirectory));
        var stackId = previous?.StackId;
        var path = Path.GetFullPath(templatePath);
        var name = stackName ?? DefaultStackName(path);
        if (name.Length is 0 or > 128 || !char.IsAsciiLetter(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw TemplateException.At("--stack-name", $"'{name}' is not a stack name: a letter, then letters, digits and hyphens, at most 128 characters.");
        }

        var template = StackTemplate.Load(path);
        var pseudo = new PseudoParameters(
            region, RandomIds.AccountId, name, stackId ?? $"arn:{PseudoParameters.Partition}:cloudformation:{region}:{RandomIds.AccountId}:stack/{name}/{Guid.NewGuid()}");
        var values = TemplateParameters.Resolve(template, parameters);
        var resolver = new TemplateResolver(template, pseudo, values);
        var order = DeploymentOrder.Of(template, resolver);
        return new StackDeployment(template, name, resolver, order, Fingerprint(path, parameters, region), previous);
    }

    /// <summary>The stack name a template file gives: its name less <c>.template.json</c>, <c>.json</c>, <c>.yaml</c> or <c>.yml</c>.</summary>
    public static string DefaultStackName(string path)
    {
        var file = Path.GetFileName(path);
        foreach (var suffix in (string[])[".template.json", ".template.yaml", ".template.yml", ".json", ".yaml", ".yml"])
        {
            if (file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return file[..^suffix.Length];
            }
        }

        return file;
    }

    /// <summary>
    /// Creates the stack's resources (or, over a data directory that holds this very stack, takes them up again under the same
    /// ids) and resolves its outputs with local URLs.
    /// </summary>
    public async Task<DeployedStack> DeployAsync(
        PoolDirectory directory, IReadOnlyDictionary<string, CognitoOperation> operations, Uri cognitoEndpoint, Uri apiRoot, CancellationToken cancellationToken)
    {
        var previous = Previous;
        if (previous is not null && (previous.StackName != StackName || previous.Fingerprint != _fingerprint))
        {
            throw new TemplateException(
                $"The data directory holds the stack {previous.StackName} as deployed from another template or other parameters; the emulator does not update a deployed stack. " +
                "Use a new --data-dir, or empty this one, to deploy the changed template.");
        }

        var context = new DeploymentContext(directory, operations, _resolver.Pseudo, Path.GetDirectoryName(_template.Path)!);
        var deployed = new List<DeployedResource>();
        try
        {
            foreach (var resource in _order)
            {
                var before = previous?.Resources.FirstOrDefault(r => r.LogicalId == resource.LogicalId && r.Type == resource.Type);
                DeployedResource created;
                if (ResourceType.All.TryGetValue(resource.Type, out var type))
                {
                    var properties = (JsonObject)_resolver.Resolve(resource.Properties, resource.Location + ".Properties")!;
                    context.Notes.AddRange(type.Unhonoured(resource, properties).Select(p => $"{p}: not emulated, ignored."));
                    created = await type.DeployAsync(context, resource, properties, before, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    created = new DeployedResource(resource.LogicalId, resource.Type, before?.Ref ?? $"{StackName}-{resource.LogicalId}-{RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 12)}", new Dictionary<string, JsonNode>())
                    {
                        Placeholder = true,
                    };
                }

                _resolver.Deployed(created);
                deployed.Add(created);
            }

            var apiUrls = context.Apis.ToDictionary(
                a => a.Id,
                a => new Uri(apiRoot, HttpApiEndpoint.BasePath(context.Apis, a) + HttpApiEndpoint.StagePath(a)),
                StringComparer.Ordinal);
            var outputs = Outputs(directory, context, cognitoEndpoint, apiRoot);
            string? primaryPool = deployed.FirstOrDefault(d => d.Type == CognitoResource.UserPool.Name)?.Ref;
            return new DeployedStack(
                StackName, context.Apis, apiUrls, outputs, NotEmulatedTypes, context.Notes, context.Functions, context.FunctionNames, primaryPool,
                new StackState(StackName, _fingerprint, _resolver.Pseudo.StackId, deployed));
        }
        catch
        {
            // A restart takes up what the state file restored; only what this start created goes again.
            context.RollBack();
            throw;
        }
    }

    private List<KeyValuePair<string, string>> Outputs(PoolDirectory directory, DeploymentContext context, Uri cognitoEndpoint, Uri apiRoot)
    {
        var replacements = new List<(string Aws, string Local)>();
        foreach (var api in context.Apis)
        {
            replacements.Add((DeploymentContext.AwsApiEndpoint(api.Id, _resolver.Pseudo.Region), new Uri(apiRoot, HttpApiEndpoint.BasePath(context.Apis, api)).AbsoluteUri.TrimEnd('/')));
        }

        lock (directory.Gate)
        {
            foreach (var pool in directory.Pools)
            {
                if (pool.Domain is { } domain)
                {
                    replacements.Add(($"https://{domain}.auth.{_resolver.Pseudo.Region}.amazoncognito.com", cognitoEndpoint.AbsoluteUri.TrimEnd('/')));
                }
            }
        }

        var outputs = new List<KeyValuePair<string, string>>();
        foreach (var (name, node) in _template.Outputs)
        {
            var where = $"Outputs.{name}";
            if (node is not JsonObject output || !output.ContainsKey("Value"))
            {
                throw TemplateException.At(where, "an output needs a Value.");
            }

            if (output["Condition"] is JsonValue condition && condition.TryGetValue<string>(out var conditionName) && !_resolver.Condition(conditionName, where + ".Condition"))
            {
                continue;
            }

            var value = _resolver.Resolve(output["Value"], where + ".Value") switch
            {
                JsonArray list => string.Join(',', list.Select(i => TemplateResolver.Text(i, where + ".Value", "an output"))),
                var scalar => TemplateResolver.Text(scalar, where + ".Value", "an output"),
            };
            foreach (var (aws, local) in replacements)
            {
                value = value.Replace(aws, local, StringComparison.Ordinal);
            }

            outputs.Add(new(name, value));
        }

        return outputs;
    }

    /// <summary>Says once what was deployed, which types are not emulated and which properties were ignored.</summary>
    public static void Report(ILogger logger, DeployedStack deployed, Uri cognitoEndpoint)
    {
        Log.StackDeployed(logger, deployed.StackName, deployed.State.Resources.Count, cognitoEndpoint,
            deployed.ApiUrls.Count == 0 ? "(none)" : string.Join(", ", deployed.ApiUrls.Values.Select(u => u.AbsoluteUri)));
        if (deployed.NotEmulatedTypes.Count > 0)
        {
            Log.ResourceTypesNotEmulated(logger, string.Join(", ", deployed.NotEmulatedTypes));
        }

        foreach (var note in deployed.Notes.Distinct())
        {
            Log.TemplateNote(logger, note);
        }
    }

    /// <summary>The CDK's own bookkeeping resource, not an AWS resource anyone expects to be emulated.</summary>
    private static bool Silent(string type) => type == "AWS::CDK::Metadata";

    private static string Fingerprint(string path, IReadOnlyDictionary<string, string> parameters, string region)
    {
        var text = new StringBuilder(File.ReadAllText(path)).Append('\0').Append(region);
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append('\0').Append(key).Append('=').Append(value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public override string ToString() => $"StackDeployment {{ StackName = {StackName}, Resources = {_order.Count} }}";
}

/// <summary>A deployed stack: its APIs and their local URLs, its resolved outputs, and what the start-up notice says.</summary>
internal sealed record DeployedStack(
    string StackName,
    IReadOnlyList<HttpApi> Apis,
    IReadOnlyDictionary<string, Uri> ApiUrls,
    IReadOnlyList<KeyValuePair<string, string>> Outputs,
    IReadOnlyList<string> NotEmulatedTypes,
    IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, LambdaFunction?> Functions,
    IReadOnlyDictionary<string, TemplateFunctionName> FunctionNames,
    string? PrimaryPoolId,
    StackState State)
{
    /// <summary>
    /// The stack's functions that have local code, for Contract 5's runner: a pool trigger whose ARN names one of them
    /// (<c>Fn::GetAtt Function.Arn</c> in its <c>LambdaConfig</c>) runs it in-process. The others run through
    /// <c>--lambda</c>/<c>--lambda-endpoint</c> by name (<see cref="FunctionNames"/>: their <c>FunctionName</c> or logical id).
    /// </summary>
    public IReadOnlyDictionary<string, ITriggerFunction> TriggerFunctions =>
        Functions.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => (ITriggerFunction)new InProcessTriggerFunction(f.Value!), StringComparer.Ordinal);
}

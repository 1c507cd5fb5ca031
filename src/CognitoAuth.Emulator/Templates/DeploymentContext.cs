using System.Text;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Api;
using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// What resources are deployed into: the emulator's pools (through its own operations), the HTTP APIs and functions the
/// template declares, and what the start-up notice reports (properties and types not emulated).
/// </summary>
internal sealed class DeploymentContext(
    PoolDirectory directory, IReadOnlyDictionary<string, CognitoOperation> operations, PseudoParameters pseudo, string templateFolder)
{
    private readonly List<string> _createdPools = [];
    private readonly Dictionary<string, LambdaFunction?> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateFunctionName> _functionNames = new(StringComparer.Ordinal);

    public PseudoParameters Pseudo => pseudo;

    public string TemplateFolder => templateFolder;

    public List<HttpApi> Apis { get; } = [];

    /// <summary>Properties given that the emulator does not honour, and functions it cannot run, said once at start.</summary>
    public List<string> Notes { get; } = [];

    public IReadOnlyList<string> CreatedPools => _createdPools;

    public IReadOnlyDictionary<string, LambdaFunction?> Functions => _functions;

    /// <summary>The template's functions without local code, by their names: what Contract 5's runner also knows them by.</summary>
    public IReadOnlyDictionary<string, TemplateFunctionName> FunctionNames => _functionNames;

    public void Note(string note) => Notes.Add(note);

    public void CreatedPool(string id) => _createdPools.Add(id);

    public void AddFunction(string name, LambdaFunction? function, string logicalId, bool nameGenerated)
    {
        _functions[name] = function;
        if (function is null)
        {
            _functionNames[name] = new TemplateFunctionName(logicalId, nameGenerated);
        }
    }

    public LambdaFunction? Function(string name)
    {
        if (_functions.TryGetValue(name, out var function))
        {
            return function;
        }

        Note($"the function {name} is not in the template; it runs only through --lambda/--lambda-endpoint.");
        _functions[name] = null;
        return null;
    }

    /// <summary>Runs one of the emulator's operations on a request built from template properties, as the wire would.</summary>
    public async Task<JsonNode> InvokeAsync(string operation, JsonObject request, string location, CancellationToken cancellationToken)
    {
        var definition = operations[operation];
        var ignored = new List<string>();
        var body = RequestBody.Shape(request, definition.RequestType, CognitoJsonContext.Default.Options, location, ignored);
        Notes.AddRange(ignored.Select(i => $"{i}: not emulated, ignored."));
        try
        {
            var output = await definition.Invoke(Encoding.UTF8.GetBytes(body.ToJsonString()), cancellationToken).ConfigureAwait(false);
            return JsonNode.Parse(output)!;
        }
        catch (CognitoServiceException ex)
        {
            throw TemplateException.At(location, $"{operation} refused it: {ex.Code}: {ex.Message}");
        }
    }

    /// <summary>
    /// A JWT authorizer. An issuer that is Cognito's URL for one of the emulator's pools (or the emulator's own issuer for it)
    /// verifies that pool's tokens with its key; any other issuer cannot be reached offline, so its authorizer refuses all.
    /// </summary>
    public ApiAuthorizer Authorizer(string id, string name, string issuer, IReadOnlyList<string> audiences, string header, string location)
    {
        lock (directory.Gate)
        {
            foreach (var pool in directory.Pools)
            {
                if (issuer == ReferenceStack.IssuerFor(pool.Id[..pool.Id.IndexOf('_', StringComparison.Ordinal)], pool.Id) || issuer == directory.Issuers.For(pool.Id))
                {
                    var jwt = new JwtAuthorizer(directory.Issuers.For(pool.Id), audiences.ToHashSet(StringComparer.Ordinal), [pool.Key], directory.Time);
                    return new ApiAuthorizer(id, name, jwt, null) { IdentityHeader = header };
                }
            }
        }

        Note($"{location}: the issuer {issuer} is not a user pool of the emulator; every request to the routes it guards is refused (401).");
        return new ApiAuthorizer(id, name, null, $"the issuer {issuer} is not emulated") { IdentityHeader = header };
    }

    /// <summary>Takes back every pool the deployment created (their clients, domains, users and groups with them).</summary>
    public void RollBack()
    {
        lock (directory.Gate)
        {
            foreach (var id in _createdPools)
            {
                if (directory.FindPool(id) is { } pool)
                {
                    directory.Remove(pool);
                }
            }

            directory.Touch();
        }
    }

    /// <summary>The URL AWS gives an HTTP API's default endpoint; outputs built from it are rewritten to the local URL.</summary>
    public static string AwsApiEndpoint(string apiId, string region) => $"https://{apiId}.execute-api.{region}.{PseudoParameters.UrlSuffix}";
}

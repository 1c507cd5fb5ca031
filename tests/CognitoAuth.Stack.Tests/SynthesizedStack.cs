using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack.Tests;

/// <summary>
/// The reference stack, synthesized once for every test in the collection (jsii starts a Node process; one
/// synth is enough). It is synthesized offline, account-agnostic, in the default region, against a function
/// folder holding the built function assembly, with refresh-token rotation off (the default deployment).
/// </summary>
public class SynthesizedStack : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cognitoauth-stack-tests-" + Guid.NewGuid().ToString("N"));

    public SynthesizedStack()
        : this(refreshTokenRotation: false)
    {
    }

    protected SynthesizedStack(bool refreshTokenRotation)
    {
        SilenceNodeVersionWarnings();
        FunctionCodePath = CreateFunctionFolder(Path.Combine(_root, "function"));
        OutputDirectory = Path.Combine(_root, "cdk.out");

        var app = new App(new AppProps { Outdir = OutputDirectory });
        Stack = new CognitoAuthStack(app, ReferenceStack.StackName, new CognitoAuthStackProps
        {
            Env = new Amazon.CDK.Environment { Region = ReferenceStack.DefaultRegion },
            FunctionCodePath = FunctionCodePath,
            RefreshTokenRotation = refreshTokenRotation,
        });
        Assembly = app.Synth();
        TemplatePath = Path.Combine(OutputDirectory, ReferenceStack.StackName + ".template.json");
        Json = JsonNode.Parse(File.ReadAllText(TemplatePath))!.AsObject();
        Template = Template.FromStack(Stack);
    }

    public CognitoAuthStack Stack { get; }

    public Amazon.CDK.CXAPI.CloudAssembly Assembly { get; }

    /// <summary>The CDK assertions view of the template.</summary>
    public Template Template { get; }

    /// <summary>The template file <c>app.Synth()</c> wrote, parsed.</summary>
    public JsonObject Json { get; }

    public string OutputDirectory { get; }

    /// <summary>The template file, as <c>cdk synth</c> writes it for deployment.</summary>
    public string TemplatePath { get; }

    public string FunctionCodePath { get; }

    /// <summary>Every resource of a CloudFormation type, with its logical id.</summary>
    public IReadOnlyList<(string LogicalId, JsonObject Resource)> Resources(string type) =>
        [.. Json["Resources"]!.AsObject()
            .Where(r => r.Value!["Type"]!.GetValue<string>() == type)
            .Select(r => (r.Key, r.Value!.AsObject()))];

    /// <summary>The one resource of a CloudFormation type.</summary>
    public (string LogicalId, JsonObject Resource) Single(string type) => Assert.Single(Resources(type));

    /// <summary>The app client with this <c>ClientName</c>.</summary>
    public (string LogicalId, JsonObject Resource) Client(string name) =>
        Assert.Single(Resources("AWS::Cognito::UserPoolClient"), c => c.Resource["Properties"]!["ClientName"]?.GetValue<string>() == name);

    /// <summary>The function with this handler string.</summary>
    public (string LogicalId, JsonObject Resource) FunctionWithHandler(string handler) =>
        Assert.Single(Resources("AWS::Lambda::Function"), f => f.Resource["Properties"]!["Handler"]?.GetValue<string>() == handler);

    /// <summary>The API's function (<see cref="ReferenceStack.Function"/>).</summary>
    public (string LogicalId, JsonObject Resource) ApiFunction => FunctionWithHandler(ReferenceStack.FunctionHandler);

    /// <summary>The pool's pre token generation trigger (<see cref="ReferenceStack.TokenTrigger"/>).</summary>
    public (string LogicalId, JsonObject Resource) TokenTrigger => FunctionWithHandler(ReferenceStack.TokenTriggerHandler);

    /// <summary>The user app client (<see cref="ReferenceStack.AppClient"/>).</summary>
    public (string LogicalId, JsonObject Resource) UserClient => Client(ReferenceStack.AppClient.Name);

    /// <summary>The machine app client (<see cref="ReferenceStack.MachineClient"/>).</summary>
    public (string LogicalId, JsonObject Resource) MachineClient => Client(ReferenceStack.MachineClient.Name);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>jsii prints a banner on every start under an old or end-of-life Node release; the tests do not care.</summary>
    internal static void SilenceNodeVersionWarnings()
    {
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20,22,24");
    }

    /// <summary>A stand-in for the published folder: the stack only needs the function assembly to be there.</summary>
    internal static string CreateFunctionFolder(string path)
    {
        Directory.CreateDirectory(path);
        var assembly = typeof(CognitoAuth.Function.ApiFunction).Assembly.Location;
        File.Copy(assembly, Path.Combine(path, Path.GetFileName(assembly)));
        return path;
    }
}

/// <summary>The same stack with refresh-token rotation switched on for the user app client (<c>-c refreshTokenRotation=true</c>).</summary>
public sealed class RotatingSynthesizedStack() : SynthesizedStack(refreshTokenRotation: true);

/// <summary>
/// Every test that synthesizes shares one collection, so that no two syntheses (each driving the one jsii runtime) run at
/// once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SynthesizedStackCollection : ICollectionFixture<SynthesizedStack>, ICollectionFixture<RotatingSynthesizedStack>
{
    public const string Name = "Synthesized stack";
}

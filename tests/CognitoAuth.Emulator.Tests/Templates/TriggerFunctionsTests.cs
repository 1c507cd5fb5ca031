using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Templates;
using CognitoAuth.Emulator.Tokens;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Tests.Templates;

/// <summary>The seam to Contract 5's runner: a deployed stack hands over its functions that have local code, by their names.</summary>
public sealed class TriggerFunctionsTests : IDisposable
{
    private readonly TemplateFolder _folder = new();

    [Fact]
    public async Task Deploy_FunctionsWithAndWithoutLocalCode_OnlyTheLocalOnesAreTriggerFunctions_ByTheirCloudFormationNames()
    {
        var asset = Directory.CreateDirectory(Path.Combine(_folder.Path, "asset.fn")).FullName;
        var assembly = typeof(CognitoAuth.Function.ApiFunction).Assembly.Location;
        File.Copy(assembly, Path.Combine(asset, Path.GetFileName(assembly)));
        var path = _folder.Write("fns.yaml", $$"""
            Resources:
              Local:
                Type: AWS::Lambda::Function
                Metadata: { "aws:asset:path": asset.fn }
                Properties: { Runtime: dotnet10, Handler: {{ReferenceStack.TokenTriggerHandler}}, Code: { S3Bucket: b, S3Key: k } }
              Named:
                Type: AWS::Lambda::Function
                Properties: { FunctionName: elsewhere, Runtime: nodejs22.x, Handler: index.handler, Code: { ZipFile: "x" } }
              Pool:
                Type: AWS::Cognito::UserPool
                Properties:
                  UserPoolTier: ESSENTIALS
                  LambdaConfig:
                    PreTokenGenerationConfig: { LambdaArn: !GetAtt Local.Arn, LambdaVersion: V2_0 }
            """);
        var issuers = new IssuerNaming(EmulatorIssuer.Local);
        var endpoint = new Uri("http://127.0.0.1:9/");
        issuers.Bind(endpoint);
        var directory = new PoolDirectory(TimeProvider.System, TimeSpan.FromMinutes(3), issuers, new EmulatorInbox());

        var deployed = await StackDeployment.Prepare(path, new Dictionary<string, string>(), null, "eu-west-1", null)
            .DeployAsync(directory, CognitoOperation.All(directory, "eu-west-1"), endpoint, new Uri("http://127.0.0.1:10/"), CancellationToken.None);

        var name = Assert.Single(deployed.TriggerFunctions.Keys);
        Assert.StartsWith("fns-Local-", name, StringComparison.Ordinal);
        Assert.Contains("elsewhere", deployed.Functions.Keys);
        lock (directory.Gate)
        {
            var pool = Assert.Single(directory.Pools);
            Assert.Contains($":function:{name}", pool.Config.LambdaConfig!.Value.GetRawText(), StringComparison.Ordinal);
            pool.Key.Dispose();
        }
    }

    public void Dispose() => _folder.Dispose();
}

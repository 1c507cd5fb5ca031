using System.Text;
using System.Text.Json;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator;

/// <summary>
/// The local stack's outputs in the shape <c>cdk deploy --outputs-file</c> writes (Contract 2):
/// <c>{"CognitoAuthStack": {"Region", "UserPoolId", "UserPoolClientId", "ApiUrl", "CognitoEndpoint", "MachineClientId",
/// "TokenEndpoint", "MachineClientSecret"}}</c>, so the sample and scripts read a local and a deployed stack alike.
/// </summary>
public sealed class EmulatorOutputs
{
    /// <summary>A deployed template's outputs (Contract 6): every output of the template, resolved, then <c>CognitoEndpoint</c>.</summary>
    internal EmulatorOutputs(string stackName, string region, IReadOnlyList<KeyValuePair<string, string>> values, Uri cognitoEndpoint)
    {
        StackName = stackName;
        Values = values.Append(new(StackOutputs.CognitoEndpoint, cognitoEndpoint.AbsoluteUri)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        _order = [.. Values.Keys];
        Region = Values.GetValueOrDefault(StackOutputs.Region) ?? region;
        UserPoolId = Values.GetValueOrDefault(StackOutputs.UserPoolId) ?? string.Empty;
        UserPoolClientId = Values.GetValueOrDefault(StackOutputs.UserPoolClientId) ?? string.Empty;
        ApiUrl = Values.GetValueOrDefault(StackOutputs.ApiUrl) ?? string.Empty;
        CognitoEndpoint = cognitoEndpoint.AbsoluteUri;
        MachineClientId = Values.GetValueOrDefault(StackOutputs.MachineClientId) ?? string.Empty;
        TokenEndpoint = Values.GetValueOrDefault(StackOutputs.TokenEndpoint) ?? string.Empty;
        MachineClientSecret = Values.GetValueOrDefault(StackOutputs.MachineClientSecret) ?? string.Empty;
    }

    internal EmulatorOutputs(string region, string userPoolId, string userPoolClientId, Uri apiUrl, Uri cognitoEndpoint, string machineClientId, Uri tokenEndpoint, string machineClientSecret)
    {
        StackName = ReferenceStack.StackName;
        MachineClientId = machineClientId;
        TokenEndpoint = tokenEndpoint.AbsoluteUri;
        MachineClientSecret = machineClientSecret;
        Region = region;
        UserPoolId = userPoolId;
        UserPoolClientId = userPoolClientId;
        ApiUrl = apiUrl.AbsoluteUri;
        CognitoEndpoint = cognitoEndpoint.AbsoluteUri;
        Values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [StackOutputs.Region] = Region,
            [StackOutputs.UserPoolId] = UserPoolId,
            [StackOutputs.UserPoolClientId] = UserPoolClientId,
            [StackOutputs.ApiUrl] = ApiUrl,
            [StackOutputs.CognitoEndpoint] = CognitoEndpoint,
            [StackOutputs.MachineClientId] = MachineClientId,
            [StackOutputs.TokenEndpoint] = TokenEndpoint,
            [StackOutputs.MachineClientSecret] = MachineClientSecret,
        };
        _order = [.. Values.Keys];
    }

    private readonly IReadOnlyList<string> _order;

    /// <summary>Gets the stack's name, the outputs file's one key: <c>CognitoAuthStack</c>, or a deployed template's stack name.</summary>
    public string StackName { get; }

    /// <summary>
    /// Gets every output by name, as the outputs file holds them: the reference stack's, or a deployed template's outputs
    /// (each resolved, an API's URL the local one) and <c>CognitoEndpoint</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>Gets the region.</summary>
    public string Region { get; }

    /// <summary>Gets the user pool id.</summary>
    public string UserPoolId { get; }

    /// <summary>Gets the reference app client's id.</summary>
    public string UserPoolClientId { get; }

    /// <summary>Gets the API's base URL; it ends with <c>/</c>.</summary>
    public string ApiUrl { get; }

    /// <summary>Gets the Cognito endpoint to use as <c>ServiceUrl</c> or <c>--endpoint-url</c>.</summary>
    public string CognitoEndpoint { get; }

    /// <summary>Gets the machine (client-credentials) app client's id.</summary>
    public string MachineClientId { get; }

    /// <summary>Gets the OAuth 2.0 token endpoint, <c>{CognitoEndpoint}oauth2/token</c>.</summary>
    public string TokenEndpoint { get; }

    /// <summary>Gets the machine client's secret (local stack only: a deployed stack never outputs a secret).</summary>
    public string MachineClientSecret { get; }

    /// <summary>Renders the outputs as indented JSON, keyed by the stack name.</summary>
    /// <returns>The JSON document.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WireJson.Indented))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(StackName);
            foreach (var name in _order)
            {
                writer.WriteString(name, Values[name]);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes <see cref="ToJson"/> to a file, creating its directory; readers never see a half-written file.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var staging = path + ".tmp";
        await File.WriteAllTextAsync(staging, ToJson() + "\n", cancellationToken).ConfigureAwait(false);
        File.Move(staging, path, overwrite: true);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"EmulatorOutputs {{ Region = {Region}, UserPoolId = {UserPoolId}, UserPoolClientId = {UserPoolClientId}, ApiUrl = {ApiUrl}, CognitoEndpoint = {CognitoEndpoint}, MachineClientId = {MachineClientId}, TokenEndpoint = {TokenEndpoint}, MachineClientSecret = *** }}";
}

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
    internal EmulatorOutputs(string region, string userPoolId, string userPoolClientId, Uri apiUrl, Uri cognitoEndpoint, string machineClientId, Uri tokenEndpoint, string machineClientSecret)
    {
        MachineClientId = machineClientId;
        TokenEndpoint = tokenEndpoint.AbsoluteUri;
        MachineClientSecret = machineClientSecret;
        Region = region;
        UserPoolId = userPoolId;
        UserPoolClientId = userPoolClientId;
        ApiUrl = apiUrl.AbsoluteUri;
        CognitoEndpoint = cognitoEndpoint.AbsoluteUri;
    }

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
            writer.WriteStartObject(ReferenceStack.StackName);
            writer.WriteString(StackOutputs.Region, Region);
            writer.WriteString(StackOutputs.UserPoolId, UserPoolId);
            writer.WriteString(StackOutputs.UserPoolClientId, UserPoolClientId);
            writer.WriteString(StackOutputs.ApiUrl, ApiUrl);
            writer.WriteString(StackOutputs.CognitoEndpoint, CognitoEndpoint);
            writer.WriteString(StackOutputs.MachineClientId, MachineClientId);
            writer.WriteString(StackOutputs.TokenEndpoint, TokenEndpoint);
            writer.WriteString(StackOutputs.MachineClientSecret, MachineClientSecret);
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

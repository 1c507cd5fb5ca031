namespace CognitoAuth.Sample;

/// <summary>
/// The reference API as a service without a user calls it: the same typed client, registered with
/// <c>AuthFlow = ClientCredentials</c>, so its handler sends a machine token for the scope <c>cognito-auth-api/hello.read</c>.
/// </summary>
internal sealed class MachineApiClient(HttpClient http)
{
    private readonly ProtectedApiClient _api = new(http);

    public Task<string> GetScopedHelloAsync(CancellationToken cancellationToken) => _api.GetScopedHelloAsync(cancellationToken);
}

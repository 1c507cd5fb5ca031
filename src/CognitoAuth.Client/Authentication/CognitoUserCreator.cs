using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Authentication;

/// <summary><see cref="ICognitoUserCreator"/> over <c>AdminCreateUser</c>.</summary>
internal sealed class CognitoUserCreator(
    CognitoClientCatalog catalog,
    ICognitoIdentityProvider cognito,
    ILogger<CognitoUserCreator> logger) : ICognitoUserCreator
{
    private const string SuppressInvitation = "SUPPRESS";

    public async Task CreateUserAsync(
        string clientName,
        string username,
        string temporaryPassword,
        IReadOnlyDictionary<string, string>? userAttributes = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(temporaryPassword);
        var client = catalog.Get(clientName);
        var userPoolId = client.Options.UserPoolId is { Length: > 0 } poolId
            ? poolId
            : throw new InvalidOperationException($"Client '{client.Name}' has no UserPoolId; creating a user needs it.");

        var response = await cognito.AdminCreateUserAsync(
            client.Endpoint,
            new AdminCreateUserRequest
            {
                UserPoolId = userPoolId,
                Username = username,
                TemporaryPassword = temporaryPassword,
                MessageAction = SuppressInvitation,
                UserAttributes = userAttributes?.Select(a => new AttributeType { Name = a.Key, Value = a.Value }).ToList(),
            },
            cancellationToken).ConfigureAwait(false);
        Log.UserCreated(logger, client.Name, response.User?.UserStatus);
    }
}

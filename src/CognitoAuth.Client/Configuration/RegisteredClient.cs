namespace CognitoAuth.Client.Configuration;

/// <summary>A client name registered with <c>AddCognitoApiClient</c> or <c>AddCognitoBearerToken</c>: one service descriptor per name.</summary>
internal sealed record RegisteredClient(string Name);

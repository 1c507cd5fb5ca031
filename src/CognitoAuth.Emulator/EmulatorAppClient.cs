namespace CognitoAuth.Emulator;

/// <summary>An app client the emulator created.</summary>
public sealed class EmulatorAppClient
{
    internal EmulatorAppClient(string name, string clientId, string? clientSecret)
    {
        Name = name;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    /// <summary>Gets the client's name.</summary>
    public string Name { get; }

    /// <summary>Gets the client id.</summary>
    public string ClientId { get; }

    /// <summary>Gets the client secret, or <see langword="null"/> when the client has none.</summary>
    public string? ClientSecret { get; }

    /// <inheritdoc />
    public override string ToString() => $"EmulatorAppClient {{ Name = {Name}, ClientId = {ClientId}, ClientSecret = {(ClientSecret is null ? "none" : "***")} }}";
}

namespace CognitoAuth.Emulator.Cognito.Model;

internal sealed class RevokeTokenRequest
{
    public string? Token { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }
}

internal sealed class GlobalSignOutRequest
{
    public string? AccessToken { get; set; }
}

namespace CognitoAuth.Emulator.SignIn;

/// <summary>A challenge session still open: which challenge it asks and of whom (for the managed login's pages).</summary>
/// <param name="Name">The challenge's name.</param>
/// <param name="Username">The user's real username.</param>
internal sealed record OpenChallenge(string Name, string Username);

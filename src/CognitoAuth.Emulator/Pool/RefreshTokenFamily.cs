namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// The refresh tokens of one sign-in: the first, and under rotation each token that replaced another. They share the
/// sign-in (its <c>origin_jti</c>, <c>auth_time</c> and <c>event_id</c>), so revoking any of them (RevokeToken), or the
/// user's (GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser), ends the whole family and the access tokens issued
/// from it. Mutated only under the directory's gate.
/// </summary>
internal sealed class RefreshTokenFamily(SignInEvent signIn)
{
    public SignInEvent SignIn { get; } = signIn;

    public bool Revoked { get; set; }

    /// <summary>How many of the family's tokens the pool still keeps; the family is forgotten when none is left.</summary>
    public int Members { get; set; }

    public override string ToString() => $"RefreshTokenFamily {{ ClientId = {SignIn.ClientId}, Members = {Members}, Revoked = {Revoked} }}";
}

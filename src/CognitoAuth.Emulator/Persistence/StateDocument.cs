using CognitoAuth.Emulator.Cognito.Model;

namespace CognitoAuth.Emulator.Persistence;

// The data directory's state file: an envelope naming its format, a SHA-256 of the state's exact bytes, and the state.
// Passwords are kept as SRP verifiers (salt and g^x) and refresh tokens as digests only; signing keys, client secrets and
// software token (TOTP) secrets as they are
// (the emulator needs them to go on), so the file is created readable by its owner only.

internal sealed class StateEnvelope
{
    public string? Format { get; set; }

    public int FormatVersion { get; set; }

    public string? Sha256 { get; set; }

    public System.Text.Json.JsonElement? State { get; set; }
}

internal sealed class EmulatorState
{
    public string? ReferencePoolId { get; set; }

    public string? ReferenceClientId { get; set; }

    public string? MachineClientId { get; set; }

    public List<string> AdditionalClientIds { get; set; } = [];

    public List<PoolState> Pools { get; set; } = [];

    /// <summary>The managed login's browser sessions, under a digest of their cookie.</summary>
    public List<BrowserSessionState> BrowserSessions { get; set; } = [];
}

internal sealed class BrowserSessionState
{
    public string? Fingerprint { get; set; }

    public string? PoolId { get; set; }

    public string? Username { get; set; }

    public DateTimeOffset AuthTime { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class PoolState
{
    public string? Id { get; set; }

    public UserPoolType? Config { get; set; }

    public string? SigningKeyPem { get; set; }

    public string? Domain { get; set; }

    public List<ClientState> Clients { get; set; } = [];

    public List<UserState> Users { get; set; } = [];

    public List<GroupType> Groups { get; set; } = [];

    public List<ResourceServerType> ResourceServers { get; set; } = [];

    public List<RefreshTokenState> RefreshTokens { get; set; } = [];

    /// <summary>SetUserPoolMfaConfig's <c>SoftwareTokenMfaConfiguration.Enabled</c>; null when never set.</summary>
    public bool? SoftwareTokenMfaEnabled { get; set; }

    public System.Text.Json.JsonElement? SmsMfaConfiguration { get; set; }

    public System.Text.Json.JsonElement? EmailMfaConfiguration { get; set; }

    public System.Text.Json.JsonElement? WebAuthnConfiguration { get; set; }

    /// <summary>The users' confirmed devices (keys handed out and never confirmed are not kept).</summary>
    public List<DeviceState> Devices { get; set; } = [];
}

internal sealed class DeviceState
{
    public string? Key { get; set; }

    public string? GroupKey { get; set; }

    public string? Username { get; set; }

    public long Sequence { get; set; }

    public string? Name { get; set; }

    public bool Remembered { get; set; }

    /// <summary>The device's SRP salt as its client sent it; with <see cref="Verifier"/>, never the device's secret.</summary>
    public byte[]? Salt { get; set; }

    public byte[]? Verifier { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastModifiedAt { get; set; }

    public DateTimeOffset LastAuthenticatedAt { get; set; }
}

internal sealed class ClientState
{
    public UserPoolClientType? Description { get; set; }

    /// <summary>The validities in seconds: in-process clients may have lifetimes shorter than Cognito's units allow.</summary>
    public long AccessTokenSeconds { get; set; }

    public long IdTokenSeconds { get; set; }

    public long RefreshTokenSeconds { get; set; }
}

internal sealed class UserState
{
    public string? Username { get; set; }

    public string? Sub { get; set; }

    public long Sequence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastModifiedAt { get; set; }

    public bool Enabled { get; set; }

    public string? Status { get; set; }

    public byte[]? PasswordSalt { get; set; }

    /// <summary>v = g^x mod N of the password (with <see cref="PasswordSalt"/>), unsigned big-endian; never the password.</summary>
    public byte[]? PasswordVerifier { get; set; }

    public DateTimeOffset? TemporaryPasswordSetAt { get; set; }

    public List<AttributeType> Attributes { get; set; } = [];

    public List<string> Groups { get; set; } = [];

    public string? ConfirmationCode { get; set; }

    public DateTimeOffset? ConfirmationCodeExpiresAt { get; set; }

    public string? PasswordResetCode { get; set; }

    public DateTimeOffset? PasswordResetCodeExpiresAt { get; set; }

    /// <summary>The verified software token's base32 secret (the file is its owner's alone, as for signing keys).</summary>
    public string? SoftwareTokenSecret { get; set; }

    public string? SoftwareTokenDeviceName { get; set; }

    public bool SoftwareTokenEnabled { get; set; }

    public bool SoftwareTokenPreferred { get; set; }

    /// <summary>An associated software token not verified yet.</summary>
    public string? PendingSoftwareTokenSecret { get; set; }

    /// <summary>The step of the last TOTP code accepted from the user (no code of it or before is taken again).</summary>
    public long? LastTotpStep { get; set; }
}

internal sealed class RefreshTokenState
{
    public string? Fingerprint { get; set; }

    public string? Username { get; set; }

    public string? Sub { get; set; }

    public string? ClientId { get; set; }

    public DateTimeOffset AuthTime { get; set; }

    public string? OriginJti { get; set; }

    public string? EventId { get; set; }

    /// <summary>The OAuth scopes of a managed-login sign-in, space-separated; absent for the API sign-ins.</summary>
    public string? Scopes { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public bool Revoked { get; set; }

    /// <summary>When rotation replaced the token; tokens of one sign-in (one <see cref="OriginJti"/>) are one family.</summary>
    public DateTimeOffset? RotatedAt { get; set; }

    /// <summary>The device the sign-in handed out or proved (its refresh tokens are that device's).</summary>
    public string? DeviceKey { get; set; }
}

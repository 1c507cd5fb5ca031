using System.Security.Cryptography;
using System.Text.Json;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Srp;
using CognitoAuth.Emulator.Pool.Totp;
using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Persistence;

/// <summary>
/// The data directory (<c>--data-dir</c>): pools, clients, users, groups, resource servers, domains, refresh tokens and
/// signing keys in one file, <c>state.json</c>, rewritten after every change. Each write goes to a temporary file that is
/// flushed to disk and then renamed over the old one, so a crash or <c>kill -9</c> at any moment leaves the last
/// committed state readable. A file that is corrupt, of another format or version, or whose checksum does not match is
/// refused with a clear error: the emulator never starts over it. A lock file keeps a second emulator out.
/// </summary>
internal sealed class StateStore : IDisposable
{
    public const string Format = "cognito-auth-emulator/state";
    /// <summary>2: passwords as SRP verifiers. Version 1 kept salted SHA-256 digests, from which no verifier can be made.</summary>
    public const int FormatVersion = 2;
    public const string FileName = "state.json";

    private readonly FileStream _lock;
    private readonly Lock _writeGate = new();
    private long _written = -1;

    private StateStore(string directory, FileStream lockFile)
    {
        Directory = directory;
        _lock = lockFile;
    }

    public string Directory { get; }

    public string StatePath => Path.Combine(Directory, FileName);

    /// <summary>Opens (creating) the directory and takes its lock.</summary>
    public static StateStore Open(string directory)
    {
        var full = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(full, "state.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"The data directory '{full}' is in use by another emulator (its state.lock is held).", ex);
        }

        // A temporary file is what a crash mid-write leaves; the state file itself is still the last committed one.
        File.Delete(Path.Combine(full, FileName + ".tmp"));
        return new StateStore(full, lockFile);
    }

    /// <summary>Reads the state file into the directory; <see langword="null"/> when there is none yet.</summary>
    public EmulatorState? Load(PoolDirectory target)
    {
        if (!File.Exists(StatePath))
        {
            return null;
        }

        var state = Read(File.ReadAllBytes(StatePath));
        try
        {
            foreach (var pool in state.Pools)
            {
                target.Add(Restore(target, pool));
            }

            var now = target.Time.GetUtcNow();
            foreach (var session in state.BrowserSessions.Where(s => now < s.ExpiresAt))
            {
                target.ManagedLogin.RestoreBrowserSession(session.Fingerprint!, new BrowserSession(session.PoolId!, session.Username!, session.AuthTime, session.ExpiresAt));
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or CryptographicException or NullReferenceException or FormatException)
        {
            throw Refuse("its content is inconsistent", ex);
        }

        return state;
    }

    /// <summary>Writes the state when it changed since the last write; safe to call from many threads.</summary>
    public void Commit(PoolDirectory directory, EmulatorState references)
    {
        byte[] bytes;
        long version;
        lock (directory.Gate)
        {
            version = directory.Version;
            if (version <= Volatile.Read(ref _written))
            {
                return;
            }

            bytes = Serialize(directory, references);
        }

        lock (_writeGate)
        {
            if (version <= _written)
            {
                return;
            }

            var staging = StatePath + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // The file holds signing keys and client secrets: readable by its owner only.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(staging, options))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }

            File.Move(staging, StatePath, overwrite: true);
            Volatile.Write(ref _written, version);
        }
    }

    public void Dispose() => _lock.Dispose();

    public override string ToString() => $"StateStore {{ Directory = {Directory} }}";

    private EmulatorState Read(byte[] bytes)
    {
        StateEnvelope envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(bytes, StateJsonContext.Default.StateEnvelope) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw Refuse("it is not a JSON state file", ex);
        }

        if (envelope.Format != Format)
        {
            throw Refuse($"it is not a CognitoAuth emulator state file (format '{envelope.Format ?? "none"}', expected '{Format}')", null);
        }

        if (envelope.FormatVersion == 1)
        {
            throw Refuse(
                "it is format version 1, which keeps passwords as salted digests; this emulator keeps SRP password verifiers (version 2) and cannot make one without the password",
                null);
        }

        if (envelope.FormatVersion != FormatVersion)
        {
            throw Refuse($"its format version is {envelope.FormatVersion}, this emulator reads version {FormatVersion}", null);
        }

        if (envelope.State is not { ValueKind: JsonValueKind.Object } stateElement || envelope.Sha256 is null)
        {
            throw Refuse("it has no state or no checksum", null);
        }

        var raw = System.Text.Encoding.UTF8.GetBytes(stateElement.GetRawText());
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(raw)), envelope.Sha256, StringComparison.Ordinal))
        {
            throw Refuse("its checksum does not match its content", null);
        }

        try
        {
            return JsonSerializer.Deserialize(raw, StateJsonContext.Default.EmulatorState) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw Refuse("its state does not have the expected shape", ex);
        }
    }

    private InvalidOperationException Refuse(string reason, Exception? inner) =>
        new($"The data directory's state file '{StatePath}' cannot be used: {reason}. The emulator does not start over it; move the file away to start afresh.", inner);

    private static byte[] Serialize(PoolDirectory directory, EmulatorState references)
    {
        var state = new EmulatorState
        {
            ReferencePoolId = references.ReferencePoolId,
            ReferenceClientId = references.ReferenceClientId,
            MachineClientId = references.MachineClientId,
            AdditionalClientIds = references.AdditionalClientIds,
            Pools = [.. directory.Pools.Select(Capture)],
            BrowserSessions = [.. directory.ManagedLogin.BrowserSessions.Select(s => new BrowserSessionState
            {
                Fingerprint = s.Key,
                PoolId = s.Value.PoolId,
                Username = s.Value.Username,
                AuthTime = s.Value.AuthTime,
                ExpiresAt = s.Value.ExpiresAt,
            })],
        };
        var raw = JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.EmulatorState);
        using var buffer = new MemoryStream(raw.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("Format", Format);
            writer.WriteNumber("FormatVersion", FormatVersion);
            writer.WriteString("Sha256", Convert.ToHexStringLower(SHA256.HashData(raw)));
            writer.WritePropertyName("State");
            writer.WriteRawValue(raw, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static PoolState Capture(UserPool pool) => new()
    {
        Id = pool.Id,
        Config = pool.Config,
        SigningKeyPem = pool.Key.Rsa.ExportPkcs8PrivateKeyPem(),
        Domain = pool.Domain,
        Clients = [.. pool.Clients.Select(c => new ClientState
        {
            Description = Cognito.Operations.ClientAdministration.Describe(pool, c),
            AccessTokenSeconds = (long)c.AccessTokenValidity.TotalSeconds,
            IdTokenSeconds = (long)c.IdTokenValidity.TotalSeconds,
            RefreshTokenSeconds = (long)c.RefreshTokenValidity.TotalSeconds,
        })],
        Users = [.. pool.UsersInOrder.Select(u => new UserState
        {
            Username = u.Username,
            Sub = u.Sub,
            Sequence = u.Sequence,
            CreatedAt = u.CreatedAt,
            LastModifiedAt = u.LastModifiedAt,
            Enabled = u.Enabled,
            Status = u.Status,
            PasswordSalt = u.Password?.Salt,
            PasswordVerifier = u.Password?.VerifierBytes,
            TemporaryPasswordSetAt = u.TemporaryPasswordSetAt,
            Attributes = [.. u.Attributes.Where(a => a.Key != "sub").Select(a => AttributeType.Of(a.Key, a.Value))],
            Groups = [.. u.Groups],
            ConfirmationCode = u.ConfirmationCode?.Code,
            ConfirmationCodeExpiresAt = u.ConfirmationCode?.ExpiresAt,
            PasswordResetCode = u.PasswordResetCode?.Code,
            PasswordResetCodeExpiresAt = u.PasswordResetCode?.ExpiresAt,
            SoftwareTokenSecret = u.SoftwareToken?.Token.SecretCode,
            SoftwareTokenDeviceName = u.SoftwareToken?.DeviceName,
            SoftwareTokenEnabled = u.SoftwareToken?.Enabled ?? false,
            SoftwareTokenPreferred = u.SoftwareToken?.Preferred ?? false,
            PendingSoftwareTokenSecret = u.PendingSoftwareToken?.SecretCode,
            LastTotpStep = u.LastTotpStep,
        })],
        Groups = [.. pool.Groups.Select(g => new GroupType
        {
            GroupName = g.Name, UserPoolId = pool.Id, Description = g.Description, RoleArn = g.RoleArn, Precedence = g.Precedence,
            CreationDate = g.CreatedAt, LastModifiedDate = g.LastModifiedAt,
        })],
        ResourceServers = [.. pool.ResourceServers],
        SoftwareTokenMfaEnabled = pool.MfaSettings.SoftwareTokenEnabled,
        SmsMfaConfiguration = pool.MfaSettings.Sms,
        EmailMfaConfiguration = pool.MfaSettings.Email,
        WebAuthnConfiguration = pool.MfaSettings.WebAuthn,
        Devices = [.. pool.Devices.Confirmed.Select(d => new DeviceState
        {
            Key = d.Key, GroupKey = d.GroupKey, Username = d.Username, Sequence = d.Sequence, Name = d.Name, Remembered = d.Remembered,
            Salt = d.Verifier!.Salt, Verifier = d.Verifier.VerifierBytes,
            CreatedAt = d.CreatedAt, LastModifiedAt = d.LastModifiedAt, LastAuthenticatedAt = d.LastAuthenticatedAt,
        })],
        RefreshTokens = [.. pool.RefreshTokens.Select(r => new RefreshTokenState
        {
            Fingerprint = r.Key,
            Username = r.Value.SignIn.Username,
            Sub = r.Value.SignIn.Sub,
            ClientId = r.Value.SignIn.ClientId,
            AuthTime = r.Value.SignIn.AuthTime,
            OriginJti = r.Value.SignIn.OriginJti,
            EventId = r.Value.SignIn.EventId,
            Scopes = r.Value.SignIn.Scopes is { } scopes ? string.Join(' ', scopes) : null,
            ExpiresAt = r.Value.ExpiresAt,
            Revoked = r.Value.Revoked,
            RotatedAt = r.Value.RotatedAt,
            DeviceKey = r.Value.SignIn.DeviceKey,
        })],
    };

    private static SoftwareToken Token(string secretCode) =>
        SoftwareToken.TryFromSecretCode(secretCode, out var token) ? token : throw new FormatException("a software token secret is not base32");

    private static RefreshTokenRotation RotationOf(RefreshTokenRotationType? rotation) =>
        rotation?.Feature == "ENABLED" ? RefreshTokenRotation.After(TimeSpan.FromSeconds(rotation.RetryGracePeriodSeconds ?? 0)) : RefreshTokenRotation.Disabled;

    private static UserPool Restore(PoolDirectory directory, PoolState state)
    {
        var key = SigningKey.FromPem(state.SigningKeyPem!);
        var pool = new UserPool(directory, state.Id!, state.Config!, key)
        {
            Domain = state.Domain,
            MfaSettings = new PoolMfaSettings(state.SoftwareTokenMfaEnabled, state.SmsMfaConfiguration, state.EmailMfaConfiguration, state.WebAuthnConfiguration),
        };
        foreach (var client in state.Clients)
        {
            var d = client.Description!;
            pool.AddClient(new AppClient
            {
                ClientId = d.ClientId!,
                Name = d.ClientName!,
                ClientSecret = d.ClientSecret,
                ExplicitAuthFlows = (d.ExplicitAuthFlows ?? []).ToHashSet(StringComparer.Ordinal),
                PreventUserExistenceErrors = d.PreventUserExistenceErrors == "ENABLED",
                EnableTokenRevocation = d.EnableTokenRevocation ?? true,
                AccessTokenValidity = TimeSpan.FromSeconds(client.AccessTokenSeconds),
                IdTokenValidity = TimeSpan.FromSeconds(client.IdTokenSeconds),
                RefreshTokenValidity = TimeSpan.FromSeconds(client.RefreshTokenSeconds),
                RefreshTokenRotation = RotationOf(d.RefreshTokenRotation),
                Units = new TokenUnits(d.TokenValidityUnits?.AccessToken ?? "minutes", d.TokenValidityUnits?.IdToken ?? "minutes", d.TokenValidityUnits?.RefreshToken ?? "days"),
                AllowedOAuthFlows = d.AllowedOAuthFlows ?? [],
                AllowedOAuthScopes = d.AllowedOAuthScopes ?? [],
                AllowedOAuthFlowsUserPoolClient = d.AllowedOAuthFlowsUserPoolClient ?? false,
                CallbackUrls = d.CallbackURLs ?? [],
                LogoutUrls = d.LogoutURLs ?? [],
                DefaultRedirectUri = d.DefaultRedirectURI,
                SupportedIdentityProviders = d.SupportedIdentityProviders ?? [],
                ReadAttributes = d.ReadAttributes,
                WriteAttributes = d.WriteAttributes,
                AuthSessionValidity = d.AuthSessionValidity,
                EnablePropagateAdditionalUserContextData = d.EnablePropagateAdditionalUserContextData,
                AnalyticsConfiguration = d.AnalyticsConfiguration,
                CreatedAt = d.CreationDate ?? default,
                LastModifiedAt = d.LastModifiedDate ?? default,
            });
        }

        foreach (var g in state.Groups)
        {
            pool.AddGroup(new PoolGroup
            {
                Name = g.GroupName!, Description = g.Description, RoleArn = g.RoleArn, Precedence = g.Precedence,
                CreatedAt = g.CreationDate ?? default, LastModifiedAt = g.LastModifiedDate ?? default,
            });
        }

        foreach (var server in state.ResourceServers)
        {
            pool.PutResourceServer(server);
        }

        foreach (var u in state.Users)
        {
            var user = new PoolUser(u.Username!, u.Sub!, u.CreatedAt, u.Sequence)
            {
                LastModifiedAt = u.LastModifiedAt,
                Enabled = u.Enabled,
                Status = u.Status!,
                Password = u.PasswordSalt is null && u.PasswordVerifier is null
                    ? null
                    : PasswordVerifier.FromParts(pool.SrpName, u.Username!, u.PasswordSalt, u.PasswordVerifier)
                        ?? throw new FormatException($"user {u.Username} has no usable password verifier"),
                TemporaryPasswordSetAt = u.TemporaryPasswordSetAt,
                ConfirmationCode = u.ConfirmationCode is { } c ? new VerificationCode(c, u.ConfirmationCodeExpiresAt ?? default) : null,
                PasswordResetCode = u.PasswordResetCode is { } r ? new VerificationCode(r, u.PasswordResetCodeExpiresAt ?? default) : null,
                SoftwareToken = u.SoftwareTokenSecret is null ? null : new UserSoftwareToken(Token(u.SoftwareTokenSecret))
                {
                    DeviceName = u.SoftwareTokenDeviceName,
                    Enabled = u.SoftwareTokenEnabled,
                    Preferred = u.SoftwareTokenPreferred,
                },
                PendingSoftwareToken = u.PendingSoftwareTokenSecret is null ? null : Token(u.PendingSoftwareTokenSecret),
                LastTotpStep = u.LastTotpStep,
            };
            foreach (var attribute in u.Attributes)
            {
                user.SetAttribute(attribute.Name!, attribute.Value ?? string.Empty);
            }

            foreach (var group in u.Groups)
            {
                user.JoinGroup(group);
            }

            pool.Restore(user);
        }

        foreach (var d in state.Devices)
        {
            pool.Devices.Restore(new DeviceRecord(d.Key!, d.GroupKey!, d.Username!, d.CreatedAt, d.Sequence)
            {
                Verifier = PasswordVerifier.FromDeviceParts(d.GroupKey!, d.Key!, d.Salt, d.Verifier) ?? throw new FormatException($"device {d.Key} has no usable verifier"),
                Name = d.Name,
                Remembered = d.Remembered,
                LastModifiedAt = d.LastModifiedAt,
                LastAuthenticatedAt = d.LastAuthenticatedAt,
            });
        }

        foreach (var r in state.RefreshTokens)
        {
            // Records of one sign-in (a rotated family) share its family again, and so its revocation.
            var family = pool.Family(new SignInEvent(r.Username!, r.Sub!, r.ClientId!, r.AuthTime, r.OriginJti!, r.EventId!, r.Scopes?.Split(' ', StringSplitOptions.RemoveEmptyEntries)) { DeviceKey = r.DeviceKey });
            family.Revoked |= r.Revoked;
            pool.RestoreRefreshToken(r.Fingerprint!, new RefreshTokenRecord { Family = family, ExpiresAt = r.ExpiresAt, RotatedAt = r.RotatedAt });
        }

        return pool;
    }
}

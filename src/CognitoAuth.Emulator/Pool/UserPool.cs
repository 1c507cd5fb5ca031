using System.Security.Cryptography;
using System.Text;
using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool.Srp;
using CognitoAuth.Emulator.Tokens;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Emulator.Triggers.Events;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// The state of one user pool: its settings (kept as the model's <c>UserPoolType</c>, honoured where the emulator acts on
/// them and echoed back where it does not), its signing key, users, groups, app clients, resource servers, domain,
/// pending challenge sessions and refresh tokens. Callers hold <see cref="Gate"/> (the directory's one lock) around every
/// use, so an operation's checks and changes are one atomic step; nothing slow (token signing, I/O) happens under it.
/// The changes a sign-in can make to what the data directory keeps (an attribute, a password, a TOTP step, a refresh
/// token issued, rotated or pruned) mark the directory changed here, so a sign-in step that changes none of it (a
/// challenge, a refresh without rotation) writes nothing; sessions are in memory only.
/// </summary>
internal sealed class UserPool
{
    private readonly Dictionary<string, PoolUser> _users;
    private readonly Dictionary<string, PoolUser> _usersByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedDictionary<long, PoolUser> _usersInOrder = [];
    private readonly Dictionary<string, AppClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PoolGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResourceServerType> _resourceServers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChallengeSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChallengeSession> _sessionsBySecretBlock = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenRecord> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenFamily> _refreshTokenFamilies = new(StringComparer.Ordinal);
    private readonly Lazy<TokenIssuer> _tokens;
    private long _nextSequence;
    private int _pruneAt = 4096;
    private PasswordPolicyDefinition _passwordPolicy;

    public UserPool(PoolDirectory directory, string id, UserPoolType config, SigningKey key)
    {
        Directory = directory;
        Id = id;
        Key = key;
        Config = config;
        _passwordPolicy = PoolDefaults.PasswordPolicyOf(config);
        LambdaConfig = PoolLambdaConfig.From(config.LambdaConfig);
        DeviceRemembering = DeviceRemembering.From(config.DeviceConfiguration);
        Devices = new DeviceRegistry(id[..Math.Max(0, id.IndexOf('_', StringComparison.Ordinal))]);
        _users = new Dictionary<string, PoolUser>(config.UsernameConfiguration?.CaseSensitive == false ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        _tokens = new Lazy<TokenIssuer>(() => new TokenIssuer(Key, Directory.Issuers.For(Id), Id, Directory.IssuedTokens, Directory.Time));
    }

    public PoolDirectory Directory { get; }

    public Lock Gate => Directory.Gate;

    public string Id { get; }

    /// <summary>Keys the made-up SRP salts of users who do not exist, so they are the same at every attempt (in memory only).</summary>
    public byte[] DecoyKey { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The pool id's part after <c>_</c>: the pool name SRP hashes into every verifier and proof.</summary>
    public string SrpName => Id[(Id.IndexOf('_', StringComparison.Ordinal) + 1)..];

    public SigningKey Key { get; }

    /// <summary>The pool's settings as DescribeUserPool reports them (without the computed members).</summary>
    public UserPoolType Config { get; private set; }

    /// <summary>Signs the pool's tokens with its key and issuer.</summary>
    public TokenIssuer Tokens => _tokens.Value;

    public string? Domain { get; set; }

    public TimeProvider Time => Directory.Time;

    public DateTimeOffset Now => Time.GetUtcNow();

    public PasswordPolicyDefinition PasswordPolicy => _passwordPolicy;

    /// <summary>The pool's <c>MfaConfiguration</c>: <c>OFF</c>, <c>OPTIONAL</c> or <c>ON</c>.</summary>
    public string MfaConfiguration => Config.MfaConfiguration ?? "OFF";

    /// <summary>What SetUserPoolMfaConfig set besides <see cref="MfaConfiguration"/>.</summary>
    public PoolMfaSettings MfaSettings { get; set; } = PoolMfaSettings.None;

    /// <summary>Whether software tokens (TOTP) are an MFA type of the pool: as SetUserPoolMfaConfig said, else whenever MFA is not OFF.</summary>
    public bool SoftwareTokenMfaEnabled => MfaSettings.SoftwareTokenEnabled ?? MfaConfiguration != "OFF";

    /// <summary>
    /// Whether a sign-in of <paramref name="user"/> is asked for a TOTP code: the pool's MFA is not OFF and the user has a
    /// verified software token that is enabled, or that MFA ON makes required.
    /// </summary>
    public bool AsksForSoftwareToken(PoolUser user) =>
        MfaConfiguration != "OFF" && user.SoftwareToken is { } token && (token.Enabled || MfaConfiguration == "ON");

    /// <summary>Whether a sign-in of <paramref name="user"/> must set up MFA first (<c>MFA_SETUP</c>): MFA is ON and the user has no token.</summary>
    public bool RequiresMfaSetup(PoolUser user) => MfaConfiguration == "ON" && user.SoftwareToken is null && SoftwareTokenMfaEnabled;

    /// <summary>Whether users sign in with their email as username (their real username is then a UUID).</summary>
    public bool EmailIsUsername => Config.UsernameAttributes?.Contains("email") == true;

    /// <summary>Whether users may also sign in with their email (email as username, or email as an alias).</summary>
    public bool EmailSignsIn => EmailIsUsername || Config.AliasAttributes?.Contains("email") == true;

    public bool AutoVerifiesEmail => Config.AutoVerifiedAttributes?.Contains("email") == true;

    public bool SelfSignUpAllowed => Config.AdminCreateUserConfig?.AllowAdminCreateUserOnly != true;

    public int UserCount => _users.Count;

    public IEnumerable<PoolUser> UsersInOrder => _usersInOrder.Values;

    public IEnumerable<AppClient> Clients => _clients.Values;

    public IEnumerable<PoolGroup> Groups => _groups.Values;

    public IEnumerable<ResourceServerType> ResourceServers => _resourceServers.Values;

    public IEnumerable<KeyValuePair<string, RefreshTokenRecord>> RefreshTokens => _refreshTokens;

    /// <summary>Replaces the settings (UpdateUserPool): what the emulator honours takes effect at once.</summary>
    public void Reconfigure(UserPoolType config)
    {
        Config = config;
        _passwordPolicy = PoolDefaults.PasswordPolicyOf(config);
        LambdaConfig = PoolLambdaConfig.From(config.LambdaConfig);
        DeviceRemembering = DeviceRemembering.From(config.DeviceConfiguration);
    }

    /// <summary>The pool's <c>DeviceConfiguration</c>, or <see langword="null"/> when it remembers no devices.</summary>
    public DeviceRemembering? DeviceRemembering { get; private set; }

    /// <summary>The users' devices (<c>NewDeviceMetadata</c> handed out, ConfirmDevice, the device operations).</summary>
    public DeviceRegistry Devices { get; }

    /// <summary>Which function the pool runs for which trigger, read from <see cref="Config"/>'s <c>LambdaConfig</c>.</summary>
    public PoolLambdaConfig LambdaConfig { get; private set; }

    /// <summary>
    /// The pool's triggers for an operation through an app client (<see langword="null"/> for an admin operation without
    /// one), or <see langword="null"/> when the pool configures none or the emulator runs no functions. Take it under the
    /// lock; call it after releasing the lock.
    /// </summary>
    public UserPoolTriggers? Triggers(string? clientId) =>
        Directory.Lambdas is { } runner && LambdaConfig.Functions.Count > 0
            ? new UserPoolTriggers(runner, LambdaConfig, new TriggerContext(Id[..Math.Max(0, Id.IndexOf('_', StringComparison.Ordinal))], Id, clientId))
            : null;

    // App clients.

    public void AddClient(AppClient client)
    {
        _clients.Add(client.ClientId, client);
        Directory.RegisterClient(this, client.ClientId);
    }

    public void RemoveClient(AppClient client)
    {
        _clients.Remove(client.ClientId);
        Directory.UnregisterClient(client.ClientId);
    }

    public AppClient? FindClient(string clientId) => _clients.GetValueOrDefault(clientId);

    public AppClient Client(string clientId) => FindClient(clientId) ?? throw CognitoErrors.ClientNotFound(clientId);

    // Users.

    /// <summary>Finds a user by its real username or, where the pool allows it, by its email.</summary>
    public PoolUser? FindUser(string usernameOrEmail) =>
        _users.TryGetValue(usernameOrEmail, out var user) || (EmailSignsIn && _usersByEmail.TryGetValue(usernameOrEmail, out user)) ? user : null;

    /// <summary>Finds a user for an admin operation, which reports unknown users whatever the client settings.</summary>
    public PoolUser User(string usernameOrEmail) => FindUser(usernameOrEmail) ?? throw CognitoErrors.UserDoesNotExist();

    public bool UsernameTaken(string username) => _users.ContainsKey(username);

    public bool EmailTaken(string email) => EmailSignsIn && _usersByEmail.ContainsKey(email);

    /// <summary>Creates a user; in a pool with email as username, <paramref name="username"/> is the email and the real username a UUID.</summary>
    public PoolUser CreateUser(string username, IEnumerable<KeyValuePair<string, string>> attributes, string? password, string status)
    {
        var now = Now;
        var sub = Guid.NewGuid().ToString();
        var realUsername = EmailIsUsername ? sub : username;
        var user = new PoolUser(realUsername, sub, now, ++_nextSequence)
        {
            Password = password is null ? null : PasswordVerifier.Create(SrpName, realUsername, password),
            Status = status,
            TemporaryPasswordSetAt = status == UserStatus.ForceChangePassword ? now : null,
        };
        if (EmailIsUsername)
        {
            user.SetAttribute("email", username);
        }

        foreach (var (name, value) in attributes)
        {
            user.SetAttribute(name, value);
        }

        Restore(user);
        return user;
    }

    /// <summary>Adds a user as it was (a user loaded from the data directory, or one just created).</summary>
    public void Restore(PoolUser user)
    {
        _users.Add(user.Username, user);
        _usersInOrder.Add(user.Sequence, user);
        _nextSequence = Math.Max(_nextSequence, user.Sequence);
        IndexEmail(user, null);
    }

    /// <summary>Sets an attribute, keeping the email index current.</summary>
    public void SetAttribute(PoolUser user, string name, string value)
    {
        var previousEmail = user.Email;
        user.SetAttribute(name, value);
        if (name == "email")
        {
            IndexEmail(user, previousEmail);
        }

        Directory.Touch();
    }

    public void RemoveAttribute(PoolUser user, string name)
    {
        var previousEmail = user.Email;
        user.RemoveAttribute(name);
        if (name == "email" && previousEmail is not null)
        {
            _usersByEmail.Remove(previousEmail);
        }

        Directory.Touch();
    }

    /// <summary>Sets a password; a temporary one puts the user (back) into FORCE_CHANGE_PASSWORD.</summary>
    public void SetPassword(PoolUser user, string password, bool permanent)
    {
        user.Password = PasswordVerifier.Create(SrpName, user.Username, password);
        user.Status = permanent ? UserStatus.Confirmed : UserStatus.ForceChangePassword;
        user.TemporaryPasswordSetAt = permanent ? null : Now;
        user.PasswordResetCode = null;
        user.LastModifiedAt = Now;
        Directory.Touch();
    }

    /// <summary>Records the step of a TOTP code just accepted from the user: no code of it or before is taken again.</summary>
    public void AcceptTotpStep(PoolUser user, long? step)
    {
        user.LastTotpStep = step;
        Directory.Touch();
    }

    /// <summary>Deletes a user: its refresh tokens stop working, and its managed-login sessions, sign-ins in progress and unspent codes end.</summary>
    public void DeleteUser(PoolUser user)
    {
        _users.Remove(user.Username);
        _usersInOrder.Remove(user.Sequence);
        if (user.Email is { } email && _usersByEmail.TryGetValue(email, out var indexed) && indexed == user)
        {
            _usersByEmail.Remove(email);
        }

        RevokeRefreshTokens(user);
        Devices.ForgetAllOf(user.Username);
        EndSessionsOf(user.Username);
        Directory.ManagedLogin.EndEverythingOf(Id, user.Username);
    }

    /// <summary>Throws <see cref="CognitoErrors.PasswordPolicy"/> when the password breaks the pool's policy.</summary>
    public void EnsurePasswordConforms(string password)
    {
        if (PasswordRefusal(password) is { } refusal)
        {
            throw CognitoErrors.From(refusal);
        }
    }

    /// <summary>Cognito's error for a password that breaks the pool's policy, or <see langword="null"/> when it conforms.</summary>
    public CognitoError? PasswordRefusal(string password) =>
        _passwordPolicy.Violation(password) is { } violation ? SignInErrors.PasswordPolicy(violation) : null;

    public bool TemporaryPasswordExpired(PoolUser user) =>
        user.TemporaryPasswordSetAt is { } setAt && Now > setAt + _passwordPolicy.TemporaryPasswordValidity;

    // Groups.

    public PoolGroup? FindGroup(string name) => _groups.GetValueOrDefault(name);

    public PoolGroup Group(string name) => FindGroup(name) ?? throw CognitoErrors.GroupNotFound();

    public void AddGroup(PoolGroup group) => _groups.Add(group.Name, group);

    public void RemoveGroup(PoolGroup group)
    {
        _groups.Remove(group.Name);
        foreach (var user in _users.Values)
        {
            user.LeaveGroup(group.Name);
        }
    }

    /// <summary>The groups of a user as <c>cognito:groups</c> lists them: by precedence (lowest first), then by name.</summary>
    public IReadOnlyList<string> GroupsOf(PoolUser user) =>
        [.. user.Groups.Select(FindGroup).OfType<PoolGroup>().OrderBy(g => g.Precedence ?? int.MaxValue).ThenBy(g => g.Name, StringComparer.Ordinal).Select(g => g.Name)];

    // Resource servers.

    public ResourceServerType? FindResourceServer(string identifier) => _resourceServers.GetValueOrDefault(identifier);

    public void PutResourceServer(ResourceServerType server) => _resourceServers[server.Identifier!] = server;

    public void RemoveResourceServer(string identifier) => _resourceServers.Remove(identifier);

    /// <summary>Whether a scope is <c>{resource server}/{scope name}</c> of one of the pool's resource servers.</summary>
    public bool IsCustomScope(string scope)
    {
        var slash = scope.LastIndexOf('/');
        return slash > 0
            && _resourceServers.TryGetValue(scope[..slash], out var server)
            && server.Scopes?.Any(s => s.ScopeName == scope[(slash + 1)..]) == true;
    }

    // Sessions and refresh tokens.

    public string StartSession(PoolUser user, AppClient client, string challengeName) => StartSession(new ChallengeSession
    {
        Username = user.Username,
        ClientId = client.ClientId,
        ChallengeName = challengeName,
        ExpiresAt = SessionExpiry,
    });

    /// <summary>Keeps a challenge under a new random session id and returns the id.</summary>
    public string StartSession(ChallengeSession pending)
    {
        PruneExpired();
        var session = RandomIds.Session();
        _sessions.Add(session, pending);
        if (pending.Srp is { } srp)
        {
            _sessionsBySecretBlock[srp.SecretBlock] = pending;
        }

        return session;
    }

    /// <summary>
    /// The <c>PASSWORD_VERIFIER</c> challenge whose <c>SECRET_BLOCK</c> this is: AWS takes that answer without a session (the
    /// secret block ties it to its challenge; pycognito and warrant send none).
    /// </summary>
    public ChallengeSession? FindSessionBySecretBlock(string secretBlock) => _sessionsBySecretBlock.GetValueOrDefault(secretBlock);

    /// <summary>Spends a session (a managed-login sign-in abandoned, signed out, or started over).</summary>
    public void EndSession(string? session)
    {
        if (session is not null && _sessions.TryGetValue(session, out var pending))
        {
            pending.Used = true;
        }
    }

    /// <summary>Spends every open session of a user (a deleted user's sign-ins in progress end with it).</summary>
    private void EndSessionsOf(string username)
    {
        foreach (var pending in _sessions.Values)
        {
            if (pending.Username == username)
            {
                pending.Used = true;
            }
        }
    }

    /// <summary>When a challenge started now expires (Cognito's three minutes, or the options').</summary>
    public DateTimeOffset SessionExpiry => Now + Directory.SessionValidity;

    /// <summary>A session of this pool by id alone, for the operations that carry no client id (AssociateSoftwareToken, VerifySoftwareToken).</summary>
    public ChallengeSession? FindSession(string session) => _sessions.GetValueOrDefault(session);

    /// <summary>Finds a live session of this client, or throws Cognito's session error.</summary>
    public ChallengeSession Session(string? session, AppClient client)
    {
        if (session is null || !_sessions.TryGetValue(session, out var pending) || pending.ClientId != client.ClientId)
        {
            throw CognitoErrors.InvalidSession();
        }

        return EnsureLive(pending);
    }

    /// <summary>The session itself when it is neither spent nor expired, else Cognito's session error.</summary>
    public ChallengeSession EnsureLive(ChallengeSession pending) =>
        pending.Refusal(Now) is { } refusal ? throw CognitoErrors.From(refusal) : pending;

    /// <summary>Issues the first refresh token of a sign-in: a new family.</summary>
    public string IssueRefreshToken(SignInEvent signIn, AppClient client)
    {
        PruneExpired();
        var token = RandomIds.RefreshToken();
        RestoreRefreshToken(Fingerprint(token), new RefreshTokenRecord { Family = Family(signIn), ExpiresAt = Now + client.RefreshTokenValidity });
        Directory.Touch();
        return token;
    }

    /// <summary>
    /// Rotation: a new refresh token in <paramref name="replaced"/>'s family, valid for what is left of the replaced one's
    /// lifetime. The replaced token is marked rotated out (the first time only, so its grace period does not restart).
    /// </summary>
    public string RotateRefreshToken(RefreshTokenRecord replaced)
    {
        PruneExpired();
        replaced.RotatedAt ??= Now;
        var token = RandomIds.RefreshToken();
        RestoreRefreshToken(Fingerprint(token), new RefreshTokenRecord { Family = replaced.Family, ExpiresAt = replaced.ExpiresAt });
        Directory.Touch();
        return token;
    }

    /// <summary>The family of a sign-in: the one the pool knows (loading a data directory), or a new one.</summary>
    public RefreshTokenFamily Family(SignInEvent signIn) =>
        _refreshTokenFamilies.TryGetValue(signIn.OriginJti, out var family) ? family : new RefreshTokenFamily(signIn);

    /// <summary>Adds a refresh token record under its fingerprint (the pool keeps no refresh token itself).</summary>
    public void RestoreRefreshToken(string fingerprint, RefreshTokenRecord record)
    {
        if (_refreshTokens.TryGetValue(fingerprint, out var previous))
        {
            previous.Family.Members--;
        }

        _refreshTokens[fingerprint] = record;
        _refreshTokenFamilies[record.SignIn.OriginJti] = record.Family;
        record.Family.Members++;
    }

    public RefreshTokenRecord? FindRefreshToken(string token) => _refreshTokens.GetValueOrDefault(Fingerprint(token));

    /// <summary>Whether tokens of this sign-in were revoked (RevokeToken, GlobalSignOut, user deleted) or never existed.</summary>
    public bool SignInRevoked(string originJti) =>
        !_refreshTokenFamilies.TryGetValue(originJti, out var family) || family.Revoked;

    public void RevokeRefreshTokens(PoolUser user)
    {
        foreach (var family in _refreshTokenFamilies.Values)
        {
            if (family.SignIn.Username == user.Username)
            {
                family.Revoked = true;
            }
        }
    }

    public override string ToString() => $"UserPool {{ Id = {Id}, Users = {_users.Count}, Clients = {_clients.Count} }}";

    // Refresh tokens are looked up by a digest, so neither memory dumps of the state nor the data directory hold one.
    private static string Fingerprint(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private void IndexEmail(PoolUser user, string? previousEmail)
    {
        if (previousEmail is not null && _usersByEmail.TryGetValue(previousEmail, out var indexed) && indexed == user)
        {
            _usersByEmail.Remove(previousEmail);
        }

        if (EmailSignsIn && user.Email is { } email)
        {
            _usersByEmail[email] = user;
        }
    }

    /// <summary>
    /// Drops spent sessions and expired refresh tokens so long soak runs stay bounded. It scans only when the count has
    /// doubled since the last scan, so a pool with many live refresh tokens does not pay a full scan on every sign-in.
    /// </summary>
    private void PruneExpired()
    {
        if (_sessions.Count + _refreshTokens.Count < _pruneAt)
        {
            return;
        }

        var now = Now;
        foreach (var (key, session) in _sessions)
        {
            if (session.Used || now >= session.ExpiresAt)
            {
                _sessions.Remove(key);
                if (session.Srp is { } srp)
                {
                    _sessionsBySecretBlock.Remove(srp.SecretBlock);
                }
            }
        }

        foreach (var (key, record) in _refreshTokens)
        {
            if (now >= record.ExpiresAt)
            {
                _refreshTokens.Remove(key);
                Directory.Touch();
                if (--record.Family.Members == 0)
                {
                    _refreshTokenFamilies.Remove(record.SignIn.OriginJti);
                }
            }
        }

        _pruneAt = Math.Max(4096, 2 * (_sessions.Count + _refreshTokens.Count));
    }
}

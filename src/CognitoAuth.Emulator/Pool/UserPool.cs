using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Reference;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// The state of one user pool: its users, app clients, pending challenge sessions and refresh tokens. Callers
/// hold <see cref="Gate"/> around every use, so an operation's checks and changes are one atomic step; nothing
/// slow (token signing, I/O) happens under it.
/// </summary>
internal sealed class UserPool
{
    private readonly Dictionary<string, PoolUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PoolUser> _usersByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, AppClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChallengeSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenRecord> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenRecord> _refreshTokensByOrigin = new(StringComparer.Ordinal);

    public UserPool(string id, UserPoolDefinition definition, TimeProvider time, TimeSpan sessionValidity)
    {
        Id = id;
        Definition = definition;
        Time = time;
        SessionValidity = sessionValidity;
    }

    public Lock Gate { get; } = new();

    public string Id { get; }

    public UserPoolDefinition Definition { get; }

    public TimeProvider Time { get; }

    public TimeSpan SessionValidity { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public void AddClient(AppClient client) => _clients.Add(client.ClientId, client);

    public AppClient? FindClient(string clientId) => _clients.GetValueOrDefault(clientId);

    public AppClient Client(string clientId) => FindClient(clientId) ?? throw CognitoErrors.ClientNotFound(clientId);

    /// <summary>Checks that an admin request names this pool.</summary>
    public void EnsureId(string userPoolId)
    {
        if (!string.Equals(userPoolId, Id, StringComparison.Ordinal))
        {
            throw CognitoErrors.UserPoolNotFound(userPoolId);
        }
    }

    /// <summary>Finds a user by its real username (the UUID) or by its email alias.</summary>
    public PoolUser? FindUser(string usernameOrEmail) =>
        _users.TryGetValue(usernameOrEmail, out var user) || _usersByEmail.TryGetValue(usernameOrEmail, out user) ? user : null;

    /// <summary>Finds a user for an admin operation, which reports unknown users whatever the client settings.</summary>
    public PoolUser User(string usernameOrEmail) => FindUser(usernameOrEmail) ?? throw CognitoErrors.UserDoesNotExist();

    public bool EmailTaken(string email) => _usersByEmail.ContainsKey(email);

    public PoolUser CreateUser(string email, IEnumerable<KeyValuePair<string, string>> attributes, string temporaryPassword)
    {
        var now = Now;
        var user = new PoolUser(Guid.NewGuid().ToString(), now)
        {
            Password = PasswordHash.Of(temporaryPassword),
            TemporaryPasswordSetAt = now,
        };
        user.SetAttribute("email", email);
        foreach (var (name, value) in attributes)
        {
            user.SetAttribute(name, value);
        }

        _users.Add(user.Username, user);
        _usersByEmail.Add(email, user);
        return user;
    }

    /// <summary>Sets a password; a temporary one puts the user (back) into FORCE_CHANGE_PASSWORD.</summary>
    public void SetPassword(PoolUser user, string password, bool permanent)
    {
        user.Password = PasswordHash.Of(password);
        user.Status = permanent ? UserStatus.Confirmed : UserStatus.ForceChangePassword;
        user.TemporaryPasswordSetAt = permanent ? null : Now;
        user.LastModifiedAt = Now;
    }

    public void DeleteUser(PoolUser user)
    {
        _users.Remove(user.Username);
        if (user.Email is { } email)
        {
            _usersByEmail.Remove(email);
        }

        RevokeRefreshTokens(user);
    }

    /// <summary>Throws <see cref="CognitoErrors.PasswordPolicy"/> when the password breaks the pool's policy.</summary>
    public void EnsurePasswordConforms(string password)
    {
        if (Definition.PasswordPolicy.Violation(password) is { } violation)
        {
            throw CognitoErrors.PasswordPolicy(violation);
        }
    }

    public bool TemporaryPasswordExpired(PoolUser user) =>
        user.TemporaryPasswordSetAt is { } setAt && Now > setAt + Definition.PasswordPolicy.TemporaryPasswordValidity;

    public string StartSession(PoolUser user, AppClient client, string challengeName)
    {
        PruneExpired();
        var session = RandomIds.Session();
        _sessions.Add(session, new ChallengeSession
        {
            Username = user.Username,
            ClientId = client.ClientId,
            ChallengeName = challengeName,
            ExpiresAt = Now + SessionValidity,
        });
        return session;
    }

    /// <summary>Finds a live session of this client, or throws Cognito's session error.</summary>
    public ChallengeSession Session(string? session, AppClient client)
    {
        if (session is null || !_sessions.TryGetValue(session, out var pending) || pending.ClientId != client.ClientId)
        {
            throw CognitoErrors.InvalidSession();
        }

        if (pending.Used)
        {
            throw CognitoErrors.SessionAlreadyUsed();
        }

        if (Now >= pending.ExpiresAt)
        {
            throw CognitoErrors.SessionExpired();
        }

        return pending;
    }

    public string IssueRefreshToken(SignInEvent signIn, AppClient client)
    {
        PruneExpired();
        var token = RandomIds.RefreshToken();
        var record = new RefreshTokenRecord { SignIn = signIn, ExpiresAt = Now + client.RefreshTokenValidity };
        _refreshTokens.Add(token, record);
        _refreshTokensByOrigin[signIn.OriginJti] = record;
        return token;
    }

    public RefreshTokenRecord? FindRefreshToken(string token) => _refreshTokens.GetValueOrDefault(token);

    /// <summary>Whether tokens of this sign-in were revoked (RevokeToken, GlobalSignOut, user deleted) or never existed.</summary>
    public bool SignInRevoked(string originJti) =>
        !_refreshTokensByOrigin.TryGetValue(originJti, out var record) || record.Revoked;

    public void RevokeRefreshTokens(PoolUser user)
    {
        foreach (var record in _refreshTokens.Values)
        {
            if (record.SignIn.Username == user.Username)
            {
                record.Revoked = true;
            }
        }
    }

    /// <summary>Drops spent sessions and expired refresh tokens so long soak runs stay bounded.</summary>
    private void PruneExpired()
    {
        if (_sessions.Count + _refreshTokens.Count < 4096)
        {
            return;
        }

        var now = Now;
        foreach (var (key, session) in _sessions)
        {
            if (session.Used || now >= session.ExpiresAt)
            {
                _sessions.Remove(key);
            }
        }

        foreach (var (key, record) in _refreshTokens)
        {
            if (now >= record.ExpiresAt)
            {
                _refreshTokens.Remove(key);
                _refreshTokensByOrigin.Remove(record.SignIn.OriginJti);
            }
        }
    }
}

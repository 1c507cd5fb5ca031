using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Local;
using CognitoAuth.Emulator.Tokens;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// Every user pool of the emulator, found by id, by one of its app clients' ids, or by its domain. One lock
/// (<see cref="Gate"/>) guards the directory and every pool in it, so an operation that touches two pools, or a
/// snapshot for the data directory, sees one consistent state.
/// </summary>
internal sealed class PoolDirectory(TimeProvider time, TimeSpan sessionValidity, IssuerNaming issuers, EmulatorInbox inbox)
{
    private readonly Dictionary<string, UserPool> _pools = new(StringComparer.Ordinal);
    private readonly List<UserPool> _poolsInOrder = [];
    private readonly Dictionary<string, UserPool> _poolsByClient = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserPool> _poolsByDomain = new(StringComparer.Ordinal);

    public Lock Gate { get; } = new();

    public TimeProvider Time { get; } = time;

    public TimeSpan SessionValidity { get; } = sessionValidity;

    public IssuerNaming Issuers { get; } = issuers;

    public EmulatorInbox Inbox { get; } = inbox;

    /// <summary>Where new pools take their signing keys from: made ahead, so creating a pool never waits for one.</summary>
    public SigningKeySupply SigningKeys { get; init; } = SigningKeySupply.Shared;

    private ManagedLoginState? _managedLogin;

    /// <summary>The managed login's codes and browser sessions (the sessions are kept by the data directory).</summary>
    public ManagedLoginState ManagedLogin => _managedLogin ??= new ManagedLoginState(Touch);

    /// <summary>The latest tokens signed by any pool, decoded, for the local page.</summary>
    public IssuedTokenLog IssuedTokens { get; } = new();

    /// <summary>Counts every change; the data directory writes when it moved.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<UserPool> Pools => _poolsInOrder;

    public void Touch() => Version++;

    public UserPool? FindPool(string userPoolId) => _pools.GetValueOrDefault(userPoolId);

    public UserPool Pool(string userPoolId) => FindPool(userPoolId) ?? throw CognitoErrors.UserPoolNotFound(userPoolId);

    public UserPool? FindPoolOfClient(string clientId) => _poolsByClient.GetValueOrDefault(clientId);

    /// <summary>The pool of an app client, for the operations that name only the client (InitiateAuth, SignUp, …).</summary>
    public UserPool PoolOfClient(string clientId) => FindPoolOfClient(clientId) ?? throw CognitoErrors.ClientNotFound(clientId);

    public UserPool? FindPoolOfDomain(string domain) => _poolsByDomain.GetValueOrDefault(domain);

    /// <summary>The pool holding a challenge session, for operations that carry a session and no client id.</summary>
    public (UserPool Pool, ChallengeSession Session)? FindSession(string session)
    {
        foreach (var pool in _poolsInOrder)
        {
            if (pool.FindSession(session) is { } pending)
            {
                return (pool, pending);
            }
        }

        return null;
    }

    public void Add(UserPool pool)
    {
        _pools.Add(pool.Id, pool);
        _poolsInOrder.Add(pool);
        if (pool.Domain is { } domain)
        {
            _poolsByDomain[domain] = pool;
        }
    }

    public void Remove(UserPool pool)
    {
        foreach (var client in pool.Clients.ToList())
        {
            pool.RemoveClient(client);
        }

        if (pool.Domain is { } domain)
        {
            _poolsByDomain.Remove(domain);
        }

        _pools.Remove(pool.Id);
        _poolsInOrder.Remove(pool);
        pool.Key.Dispose();
    }

    public void RegisterClient(UserPool pool, string clientId) => _poolsByClient.Add(clientId, pool);

    public void UnregisterClient(string clientId) => _poolsByClient.Remove(clientId);

    public void SetDomain(UserPool pool, string? domain)
    {
        if (pool.Domain is { } previous)
        {
            _poolsByDomain.Remove(previous);
        }

        pool.Domain = domain;
        if (domain is not null)
        {
            _poolsByDomain[domain] = pool;
        }
    }

    public override string ToString() => $"PoolDirectory {{ Pools = {_pools.Count} }}";
}

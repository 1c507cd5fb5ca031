namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// A user of the pool. Its <see cref="Username"/> is a UUID that is also its <c>sub</c>, as in a pool that signs
/// in with email as username; the email is an attribute. Mutated only under <see cref="UserPool.Gate"/>.
/// </summary>
internal sealed class PoolUser
{
    private readonly List<KeyValuePair<string, string>> _attributes = [];

    public PoolUser(string username, DateTimeOffset createdAt)
    {
        Username = username;
        CreatedAt = createdAt;
        LastModifiedAt = createdAt;
        _attributes.Add(new("sub", username));
    }

    /// <summary>Cognito's real username: a UUID, equal to <c>sub</c>.</summary>
    public string Username { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset LastModifiedAt { get; set; }

    public bool Enabled { get; set; } = true;

    public string Status { get; set; } = UserStatus.ForceChangePassword;

    public PasswordHash? Password { get; set; }

    /// <summary>When the current temporary password was set; <see langword="null"/> once the password is permanent.</summary>
    public DateTimeOffset? TemporaryPasswordSetAt { get; set; }

    /// <summary>The attributes in the order Cognito lists them: <c>sub</c> first.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes => _attributes;

    public string? Email => Attribute("email");

    public string? Attribute(string name)
    {
        foreach (var attribute in _attributes)
        {
            if (attribute.Key == name)
            {
                return attribute.Value;
            }
        }

        return null;
    }

    public void SetAttribute(string name, string value)
    {
        var index = _attributes.FindIndex(a => a.Key == name);
        if (index >= 0)
        {
            _attributes[index] = new(name, value);
        }
        else
        {
            _attributes.Add(new(name, value));
        }
    }

    /// <summary>A copy of the attributes, safe to read outside the pool's lock (e.g. while signing tokens).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SnapshotAttributes() => [.. _attributes];

    public override string ToString() => $"PoolUser {{ Username = {Username}, Status = {Status}, Enabled = {Enabled} }}";
}

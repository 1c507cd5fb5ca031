using CognitoAuth.Emulator.Pool.Srp;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// A user of a pool. In a pool that signs in with email as username, <see cref="Username"/> is a UUID equal to
/// <see cref="Sub"/> and the email an attribute; in other pools the username is the one given. Mutated only under the
/// directory's gate.
/// </summary>
internal sealed class PoolUser
{
    private readonly List<KeyValuePair<string, string>> _attributes = [];
    private readonly List<string> _groups = [];

    public PoolUser(string username, string sub, DateTimeOffset createdAt, long sequence)
    {
        Username = username;
        Sub = sub;
        CreatedAt = createdAt;
        LastModifiedAt = createdAt;
        Sequence = sequence;
        _attributes.Add(new("sub", sub));
    }

    /// <summary>Cognito's real username: a UUID (equal to <c>sub</c>) in a pool with email as username.</summary>
    public string Username { get; }

    public string Sub { get; }

    /// <summary>The pool's creation counter: ListUsers pages in this order.</summary>
    public long Sequence { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset LastModifiedAt { get; set; }

    public bool Enabled { get; set; } = true;

    public string Status { get; set; } = UserStatus.ForceChangePassword;

    /// <summary>The SRP verifier of the user's password (the pool keeps no password); <see langword="null"/> before one is set.</summary>
    public PasswordVerifier? Password { get; set; }

    /// <summary>The verified software token (TOTP) and the user's MFA preferences about it; <see langword="null"/> without one.</summary>
    public UserSoftwareToken? SoftwareToken { get; set; }

    /// <summary>A token AssociateSoftwareToken (by access token) made, waiting for VerifySoftwareToken; the verified one stays until then.</summary>
    public Totp.SoftwareToken? PendingSoftwareToken { get; set; }

    /// <summary>The time step of the last TOTP code accepted from this user: no code of that step or before is taken again.</summary>
    public long? LastTotpStep { get; set; }

    /// <summary>SetUserMFAPreference's <c>SMSMfaSettings</c>: a code texted to <c>phone_number</c> at sign-in (<c>SMS_MFA</c>).</summary>
    public MfaChoice SmsMfa { get; set; } = MfaChoice.Off;

    /// <summary>SetUserMFAPreference's <c>EmailMfaSettings</c>: a code e-mailed at sign-in (<c>EMAIL_OTP</c> as a second factor).</summary>
    public MfaChoice EmailMfa { get; set; } = MfaChoice.Off;

    /// <summary>Whether the user's phone number is verified (<c>phone_number_verified</c>).</summary>
    public bool PhoneNumberVerified => string.Equals(Attribute("phone_number_verified"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>When the current temporary password was set; <see langword="null"/> once the password is permanent.</summary>
    public DateTimeOffset? TemporaryPasswordSetAt { get; set; }

    /// <summary>The code that confirms a sign-up (SignUp, ResendConfirmationCode).</summary>
    public VerificationCode? ConfirmationCode { get; set; }

    /// <summary>The code that sets a new password (ForgotPassword, AdminResetUserPassword).</summary>
    public VerificationCode? PasswordResetCode { get; set; }

    /// <summary>The attributes in the order Cognito lists them: <c>sub</c> first.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes => _attributes;

    /// <summary>The names of the groups the user belongs to, in the order it joined them.</summary>
    public IReadOnlyList<string> Groups => _groups;

    public string? Email => Attribute("email");

    public bool EmailVerified => string.Equals(Attribute("email_verified"), "true", StringComparison.OrdinalIgnoreCase);

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

    public void RemoveAttribute(string name) => _attributes.RemoveAll(a => a.Key == name);

    public bool JoinGroup(string group)
    {
        if (_groups.Contains(group, StringComparer.Ordinal))
        {
            return false;
        }

        _groups.Add(group);
        return true;
    }

    public bool LeaveGroup(string group) => _groups.Remove(group);

    /// <summary>A copy of the attributes, safe to read outside the lock (e.g. while signing tokens).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SnapshotAttributes() => [.. _attributes];

    public override string ToString() => $"PoolUser {{ Username = {Username}, Status = {Status}, Enabled = {Enabled} }}";
}

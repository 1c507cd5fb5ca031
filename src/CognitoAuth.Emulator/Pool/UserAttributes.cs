using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Cognito.Model;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// A pool's attribute schema: Cognito's standard attributes plus the pool's declared <c>custom:*</c> ones; <c>sub</c> is
/// read-only, and an attribute the schema declares <c>Mutable: false</c> is set only when the user is created.
/// </summary>
internal static class UserAttributes
{
    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal)
    {
        "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
        "website", "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number",
        "phone_number_verified", "address", "updated_at",
    };

    /// <summary>Throws Cognito's schema error for the first attribute that is unknown or read-only.</summary>
    public static void EnsureWritable(UserPool pool, IEnumerable<string> names)
    {
        if (WriteRefusal(pool, names) is { } refusal)
        {
            throw CognitoErrors.From(refusal);
        }
    }

    /// <summary>
    /// Throws Cognito's errors for a change to an existing user (AdminUpdateUserAttributes, UpdateUserAttributes,
    /// NEW_PASSWORD_REQUIRED's <c>userAttributes.*</c>, AdminDeleteUserAttributes): see <see cref="UpdateRefusal"/>.
    /// </summary>
    public static void EnsureUpdatable(UserPool pool, IReadOnlyCollection<string> names)
    {
        if (UpdateRefusal(pool, names) is { } refusal)
        {
            throw CognitoErrors.From(refusal);
        }
    }

    /// <summary>Cognito's schema error for the first attribute that is unknown or read-only, or <see langword="null"/>.</summary>
    public static CognitoError? WriteRefusal(UserPool pool, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (name == "sub")
            {
                return PoolErrors.AttributeNotWritable(name);
            }

            if (!Standard.Contains(name) && Declared(pool, name) is null)
            {
                return PoolErrors.AttributeNotInSchema(name);
            }
        }

        return null;
    }

    /// <summary>
    /// The refusal of a change to an existing user: that of <see cref="WriteRefusal"/>, then one naming every attribute the
    /// schema declares immutable, whether or not the user has a value for it; <see langword="null"/> when it may be made.
    /// </summary>
    public static CognitoError? UpdateRefusal(UserPool pool, IReadOnlyCollection<string> names)
    {
        if (WriteRefusal(pool, names) is { } refusal)
        {
            return refusal;
        }

        var immutable = names.Where(name => !IsMutable(pool, name)).Distinct(StringComparer.Ordinal).ToList();
        return immutable.Count > 0 ? PoolErrors.AttributeImmutable(immutable) : null;
    }

    public static bool IsRequired(UserPool pool, string name) =>
        Declared(pool, name)?.Required == true;

    private static bool IsMutable(UserPool pool, string name) =>
        Declared(pool, name)?.Mutable != false;

    /// <summary>The pool's schema entry for <paramref name="name"/>, if it declares one.</summary>
    private static SchemaAttributeType? Declared(UserPool pool, string name) =>
        pool.Config.SchemaAttributes?.FirstOrDefault(s => s.Name == name);
}

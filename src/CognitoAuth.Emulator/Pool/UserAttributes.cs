using CognitoAuth.Emulator.Cognito;

namespace CognitoAuth.Emulator.Pool;

/// <summary>A pool's attribute schema: Cognito's standard attributes plus the pool's declared <c>custom:*</c> ones; <c>sub</c> is read-only.</summary>
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
        foreach (var name in names)
        {
            if (name == "sub")
            {
                throw CognitoErrors.AttributeNotWritable(name);
            }

            if (!Standard.Contains(name) && pool.Config.SchemaAttributes?.Any(s => s.Name == name) != true)
            {
                throw CognitoErrors.AttributeNotInSchema(name);
            }
        }
    }

    public static bool IsRequired(UserPool pool, string name) =>
        pool.Config.SchemaAttributes?.FirstOrDefault(s => s.Name == name)?.Required == true;
}

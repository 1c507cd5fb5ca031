using CognitoAuth.Emulator.Cognito;

namespace CognitoAuth.Emulator.Pool;

/// <summary>The pool's attribute schema: Cognito's standard attributes plus any <c>custom:*</c>; <c>sub</c> is read-only.</summary>
internal static class UserAttributes
{
    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal)
    {
        "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
        "website", "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number",
        "phone_number_verified", "address", "updated_at",
    };

    /// <summary>Throws Cognito's schema error for the first attribute that is unknown or read-only.</summary>
    public static void EnsureWritable(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (name == "sub")
            {
                throw CognitoErrors.AttributeNotWritable(name);
            }

            if (!Standard.Contains(name) && !(name.StartsWith("custom:", StringComparison.Ordinal) && name.Length > "custom:".Length))
            {
                throw CognitoErrors.AttributeNotInSchema(name);
            }
        }
    }
}

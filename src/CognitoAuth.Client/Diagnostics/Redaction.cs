namespace CognitoAuth.Client.Diagnostics;

/// <summary>How <c>ToString()</c> shows a secret: whether it is set, never its value.</summary>
internal static class Redaction
{
    public static string Mask(string? secret) => secret is null ? "null" : "***";
}

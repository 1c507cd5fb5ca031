using CognitoAuth.Emulator.Hosting;

namespace CognitoAuth.Emulator.OAuth;

/// <summary>
/// The managed login's pages, plain HTML with one form each and one submit button per form (Contract 2): the sign-in page
/// (inputs <c>username</c>, <c>password</c>), the new-password page (<c>new_password</c>) for a user with a temporary
/// password, the TOTP page (<c>code</c>), and the error page. Each form posts back to <c>/login</c> with the authorize
/// request's query. No page holds a password, code, token, session or secret: the sign-in in progress is named by an
/// HttpOnly cookie.
/// </summary>
internal static class LoginPages
{
    /// <summary>Cognito's error page text for <c>redirect_mismatch</c> and the other errors it shows rather than redirects.</summary>
    public const string ErrorText = "An error was encountered with the requested page.";

    public static HtmlPage SignIn(string poolName, string query, string? error, string? username) =>
        Form("Sign in", poolName, query, error,
            $"""
            <label for="username">Username</label><input id="username" name="username" autocomplete="username" autocapitalize="none" required value="{HtmlPage.Encode(username)}">
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            """);

    public static HtmlPage NewPassword(string poolName, string query, string? error) =>
        Form("Change password", poolName, query, error,
            """
            <p>Your password is temporary: choose a new one to continue.</p>
            <label for="new_password">New password</label><input id="new_password" name="new_password" type="password" autocomplete="new-password" required>
            <button type="submit">Change password</button>
            """);

    public static HtmlPage SoftwareToken(string poolName, string query, string? error) =>
        Form("Multi-factor authentication", poolName, query, error,
            """
            <p>Enter the code from your authenticator app.</p>
            <label for="code">Code</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
            <button type="submit">Sign in</button>
            """);

    /// <summary>The page of an MFA code the pool sent (<c>EMAIL_OTP</c> by e-mail, <c>SMS_MFA</c> by text): one field, <c>code</c>.</summary>
    public static HtmlPage SentCode(string poolName, string query, string? error) =>
        Form("Multi-factor authentication", poolName, query, error,
            """
            <p>Enter the code we sent you (the emulator's inbox at _local/ shows it).</p>
            <label for="code">Code</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6,8}" maxlength="8" required>
            <button type="submit">Sign in</button>
            """);

    public static HtmlPage Error(string error, string? description) =>
        new HtmlPage("Error", "Cognito managed login (emulator)")
            .Raw("<div class=\"card narrow\"><h1>").Text(ErrorText).Raw("</h1>")
            .Error(description is null ? $"error={error}" : $"error={error} — {description}")
            .Raw("</div>");

    private static HtmlPage Form(string title, string poolName, string query, string? error, string fields)
    {
        var page = new HtmlPage(title, "Cognito managed login (emulator)")
            .Raw("<div class=\"card narrow\"><h1>").Text(title).Raw("</h1><p class=\"muted\">User pool ").Text(poolName).Raw("</p>");
        if (error is not null)
        {
            page.Error(error);
        }

        return page.Raw($"<form method=\"post\" action=\"{HtmlPage.Encode(ManagedLoginEndpoint.LoginPath + query)}\">").Raw(fields).Raw("</form></div>");
    }
}
